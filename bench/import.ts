/**
 * The import benchmark: how long `importReport` takes on the reference
 * report (its JSON and its text layout), and on a synthetic report of some
 * 2,000 rows per functional table.
 *
 *     npm run bench:import                     # the three figures
 *     npm run bench:import -- --runs 9         # runs per figure (median)
 *     npm run bench:import -- --rows 5000      # another synthetic size
 *     npm run bench:import -- --json           # one JSON object on the last line
 *
 * Every figure is the median of its runs, after one warm-up run. Progress
 * goes to stderr, the report to stdout. `syntheticReport` is exported for the
 * tests.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CLASS_LINES_2020, createCatalog, createLedger, importReport, reportToJson } from "../src/index.js";
import type { CodeName, EventInput, ReportJson } from "../src/index.js";
import { createRandom } from "../src/generate/random.js";

/** Targets from the issue. */
const TARGETS = { referenceMedianMsMax: 200, syntheticMedianMsMax: 2_000 } as const;

/** A synthetic report and the codes it uses beyond the bundled catalog. */
export interface SyntheticReport {
  /** The report JSON. */
  readonly report: ReportJson;
  /** The catalog extension its events used. */
  readonly catalog: { readonly functional: readonly CodeName[] };
  /** Rows of Table 2 (and about as many in Tables 3 and 5). */
  readonly rows: number;
}


/**
 * A synthetic department whose functional tables print about `rows` rows:
 * classes of the 2020 template, ten 款 each, seven 项 each, every 项 funded
 * by the general public budget (basic and project spending on several
 * economic codes) and some by 事业收入 and 其他收入 (with non-fiscal spending
 * and a distributed surplus); amounts in fen with tails.
 *
 * @param rows - about how many rows Tables 2, 3 and 5 print
 * @param seed - the seed
 * @returns the report JSON and its catalog extension
 */
export function syntheticReport(rows: number, seed = 1): SyntheticReport {
  const random = createRandom(seed).next;
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const perClass = 1 + 10 + 10 * 7;
  const classes = CLASS_LINES_2020.slice(0, Math.max(1, Math.min(CLASS_LINES_2020.length, Math.round((rows - 1) / perClass))));
  const functional: CodeName[] = [];
  const items: string[] = [];
  for (const line of classes) {
    for (let k = 0; k < 10; k++) {
      const section = `${line.code}${String(60 + k)}`;
      functional.push({ code: section, name: `合成款${section}` });
      for (let j = 1; j <= 7; j++) {
        const item = `${section}${String(j).padStart(2, "0")}`;
        functional.push({ code: item, name: `合成项${item}` });
        items.push(item);
      }
    }
  }
  const catalog = createCatalog({ functional });
  const basicEconomic = ["30101", "30102", "30107", "30108", "30113", "30199", "30201", "30211", "30217", "30226", "30231", "30299", "30302", "31002"];
  const events: EventInput[] = [
    { id: "u", type: "unitRegistered", year: 2020, unit: "office", name: "合成部门", kind: "administrative", parent: null },
    { id: "c", type: "unitRegistered", year: 2020, unit: "centre", name: "合成中心", kind: "publicServiceClass2", parent: "office" },
  ];
  let n = 0;
  const id = (): string => `s${++n}`;
  for (const item of items) {
    const unit = random() < 0.8 ? "office" : "centre";
    let gpb = 0;
    for (let k = between(1, 3); k > 0; k--) {
      const amountFen = between(1_000, 80_000_000);
      gpb += amountFen;
      events.push({ id: id(), type: "expenditureRecorded", year: 2020, unit, fund: "generalPublicBudget", functional: item, economic: basicEconomic[between(0, basicEconomic.length - 1)] as string, category: "basic", amountFen });
    }
    if (random() < 0.5) {
      const amountFen = between(10_000, 200_000_000);
      gpb += amountFen;
      events.push({ id: id(), type: "expenditureRecorded", year: 2020, unit, fund: "generalPublicBudget", functional: item, economic: "30227", category: "project", amountFen });
    }
    events.push({ id: id(), type: "receiptRecorded", year: 2020, unit, source: "generalPublicBudget", functional: item, amountFen: gpb + (random() < 0.1 ? between(1, 5_000_000) : 0) });
    events.push({ id: id(), type: "appropriationMade", year: 2020, unit, fund: "generalPublicBudget", functional: item, category: "basic", stage: "initial", amountFen: gpb });
    if (random() < 0.3) {
      const received = between(1_000_000, 90_000_000);
      const spent = between(0, received);
      events.push({ id: id(), type: "receiptRecorded", year: 2020, unit: "centre", source: random() < 0.8 ? "institutional" : "other", functional: item, amountFen: received });
      if (spent > 0) events.push({ id: id(), type: "expenditureRecorded", year: 2020, unit: "centre", fund: "institutional", functional: item, economic: "30299", category: random() < 0.5 ? "basic" : "project", amountFen: spent });
    }
  }
  const ledger = createLedger({ catalog });
  for (let i = 0; i < events.length; i += 10_000) ledger.append(events.slice(i, i + 10_000));
  const report = reportToJson(ledger.report(2020));
  const t2 = report.tables.find((table) => table.id === "T2");
  return { report, catalog: { functional }, rows: t2?.rows.length ?? 0 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function time(runs: number, run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function main(argv: readonly string[]): void {
  let runs = 7;
  let rows = 2_000;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--runs") runs = Math.max(1, Number(argv[++i]));
    else if (arg === "--rows") rows = Math.max(10, Number(argv[++i]));
    else {
      process.stderr.write("usage: npm run bench:import -- [--runs R] [--rows N] [--json]\n");
      process.exit(2);
    }
  }
  const root = fileURLToPath(new URL(import.meta.url.includes("/dist-bench/") ? "../../" : "../", import.meta.url));
  const golden = readFileSync(`${root}tests/golden/guangzhou-cac-2020.tables.json`, "utf8");
  let text: string | null = null;
  try {
    text = readFileSync(`${root}../shared/seeds/guangzhou-cac-2020-final-accounts.txt`, "utf8");
  } catch {
    text = null;
  }
  process.stderr.write("bench:import: the reference report …\n");
  const referenceJson = time(runs, () => importReport(golden));
  const referenceText = text === null ? null : time(runs, () => importReport(text as string));
  process.stderr.write(`bench:import: a synthetic report of about ${rows} rows per table …\n`);
  const synthetic = syntheticReport(rows, 1);
  const syntheticEvents = importReport(synthetic.report).events.length;
  const syntheticMs = time(Math.min(runs, 5), () => importReport(synthetic.report));
  const line = (label: string, ms: number | null, max: number): string =>
    ms === null ? `${label.padEnd(52)} (not found)` : `${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  (target ≤ ${max} ms: ${ms <= max ? "met" : "NOT met"})`;
  const lines = [
    `import benchmark (median of ${runs} runs; Node ${process.version})`,
    line("reference report, JSON (965 cells)", referenceJson, TARGETS.referenceMedianMsMax),
    line("reference report, text layout", referenceText, TARGETS.referenceMedianMsMax),
    line(`synthetic report, ${synthetic.rows} rows in Table 2 (${syntheticEvents} events)`, syntheticMs, TARGETS.syntheticMedianMsMax),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ referenceJsonMs: referenceJson, referenceTextMs: referenceText, syntheticMs, syntheticRows: synthetic.rows, syntheticEvents, runs })}\n`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
