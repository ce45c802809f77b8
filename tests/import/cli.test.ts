// The `fundledger import` command: a report file in (any format), events out (a file or standard output) with the catalog extension beside them, read back by report and check with --catalog; usage errors for a missing report, a bad format or year, and codes beyond the catalog with nowhere to write them — by running main() in-process on temporary files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../cli/runCli.js";
import { GOLDEN_JSON, SHANGHAI_PIPE, SHARED_PRESENT, text } from "./support/inputs.js";

describe("fundledger import", () => {
  it("writes the events of the reference report to standard output, and they print the published JSON back", async () => {
    const dir = tempDir();
    try {
      dir.write("report.json", text(GOLDEN_JSON));
      const imported = await runCli(["import", "report.json"], { cwd: dir.path });
      expect(imported.status).toBe(0);
      expect(imported.stderr).toMatch(/imported \d+ events \(中共广州市委网络安全和信息化委员会办公室, 2020; T1 T2 T3 T4 T5 T6 T7 T8 T9 T10\) from report\.json: 965 of 965 published cells print back\n$/);
      dir.write("events.jsonl", imported.stdout);
      const report = await runCli(["report", "--events", "events.jsonl", "--year", "2020", "--format", "json"], { cwd: dir.path });
      expect(JSON.parse(report.stdout)).toEqual(JSON.parse(text(GOLDEN_JSON)));
      const check = await runCli(["check", "--events", "events.jsonl", "--year", "2020"], { cwd: dir.path });
      expect(check.status).toBe(0);
      expect(check.stdout).toMatch(/^clean: \d+ checks of 2020 hold/);
    } finally {
      dir.remove();
    }
  });

  it.skipIf(!SHARED_PRESENT)("writes a report's codes beyond the bundled catalog beside the events, for check and report to read with --catalog", async () => {
    const dir = tempDir();
    try {
      const imported = await runCli(["import", SHANGHAI_PIPE, "--out", "putuo.jsonl"], { cwd: dir.path });
      expect(imported.status).toBe(0);
      expect(imported.stderr).toContain("522 of 522 published cells print back; codes beyond the bundled catalog in putuo.catalog.json");
      const catalog = JSON.parse(readFileSync(join(dir.path, "putuo.catalog.json"), "utf8")) as { functional: { code: string; name: string }[] };
      expect(catalog.functional.map((entry) => entry.code)).toEqual(["20139", "2013901", "2013950", "2013999", "21011", "2101101", "2101102"]);
      const withoutCatalog = await runCli(["check", "--events", "putuo.jsonl", "--year", "2024"], { cwd: dir.path });
      expect(withoutCatalog.status).toBe(1);
      const check = await runCli(["check", "--events", "putuo.jsonl", "--year", "2024", "--catalog", "putuo.catalog.json"], { cwd: dir.path });
      expect(check.status).toBe(0);
      const report = await runCli(["report", "--events", "putuo.jsonl", "--year", "2024", "--table", "T5", "--format", "csv", "--catalog", "putuo.catalog.json"], { cwd: dir.path });
      expect(report.stdout).toContain("T5,,2013999,其他社会工作事务支出,202.24,0.00,202.24");
    } finally {
      dir.remove();
    }
  });

  it.skipIf(!SHARED_PRESENT)("takes the report after its flags as well as before, and --catalog-out where the catalog goes", async () => {
    const dir = tempDir();
    try {
      const imported = await runCli(["import", "--out", "e.jsonl", "--catalog-out", "codes.json", "--format", "pipe", SHANGHAI_PIPE], { cwd: dir.path });
      expect(imported.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir.path, "codes.json"), "utf8"))).toHaveProperty("functional");
    } finally {
      dir.remove();
    }
  });

  it("refuses a missing report, a bad format or year, and codes beyond the catalog with nowhere to write them", async () => {
    expect(await runCli(["import"])).toMatchObject({ status: 2, stderr: "fundledger: import needs a REPORT file (report JSON, a text layout or a pipe transcription)\n" });
    expect((await runCli(["import", GOLDEN_JSON, "--format", "xlsx"])).stderr).toBe('fundledger: import: --format must be one of json, text, pipe, not "xlsx"\n');
    expect((await runCli(["import", GOLDEN_JSON, "--year", "20"])).status).toBe(2);
    if (SHARED_PRESENT) {
      const nowhere = await runCli(["import", SHANGHAI_PIPE]);
      expect(nowhere.status).toBe(2);
      expect(nowhere.stderr).toMatch(/prints codes beyond the bundled catalog, which its events need; give --catalog-out FILE/);
      expect(nowhere.stdout).toBe("");
    }
  });

  it("is listed in the help", async () => {
    const help = await runCli(["--help"]);
    expect(help.stdout).toContain("fundledger import REPORT [--out EVENTS.jsonl]");
  });
});
