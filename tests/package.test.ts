// The public surface: the core entry's runtime dependencies are exactly immer, decimal.js and eventemitter3; the core never touches Node, the clock or randomness.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../", import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  type?: string;
};

/** Every module reachable from an entry by relative imports, and the bare specifiers they import. */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      const specifier = match[1] ?? "";
      if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("the package", () => {
  it("is ESM with typed exports and a fundledger command", () => {
    expect(pkg.type).toBe("module");
    expect(pkg.exports?.["."]).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js" });
    expect(pkg.bin?.["fundledger"]).toBeDefined();
  });

  it("depends at run time on immer, decimal.js and eventemitter3 only", () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(["decimal.js", "eventemitter3", "immer"]);
  });

  it("has a core entry that imports exactly those three packages and nothing from Node", () => {
    const { packages } = importGraph(resolve(root, "src/index.ts"));
    expect([...packages].sort()).toEqual(["decimal.js", "eventemitter3", "immer"]);
  });

  it("has a core that reads no clock and draws no random number", () => {
    const { files } = importGraph(resolve(root, "src/index.ts"));
    const code = (file: string): string => readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const offenders = files.filter((file) => /Date\.now\(|new Date\(|Math\.random\(|performance\.now\(|process\./.test(code(file)));
    expect(offenders).toEqual([]);
  });
});

describe("the layers of src/", () => {
  const layers = ["money", "catalog", "events", "postings", "projections", "tables", "narrative", "ledger", "store", "read", "audit", "render", "generate", "import", "scenario", "cli"];
  /** Every entry of the package: the core, the command, the store adapters, the file reader and its thread. */
  const entries = ["index.ts", "cli/main.ts", "store/sqlite/index.ts", "store/postgres/index.ts", "read/index.ts", "read/projectWorker.ts"];
  const peers = new Set(["audit", "render", "generate"]);

  it("depend one way: a module imports only its own layer and the layers below", () => {
    const wrong: string[] = [];
    const files = new Set(entries.flatMap((entry) => importGraph(resolve(root, "src", entry)).files));
    expect(files.size).toBeGreaterThan(100);
    for (const file of files) {
      const own = file.slice(resolve(root, "src").length + 1).split("/")[0] ?? "";
      if (!layers.includes(own)) continue;
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm)) {
        const target = resolve(dirname(file), match[1] ?? "").slice(resolve(root, "src").length + 1).split("/")[0] ?? "";
        if (!layers.includes(target) || target === own) continue;
        const upward = layers.indexOf(target) > layers.indexOf(own);
        const sideways = peers.has(own) && peers.has(target);
        if (upward || sideways) wrong.push(`${file.slice(root.length)} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
