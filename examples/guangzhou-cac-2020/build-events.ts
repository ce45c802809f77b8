/**
 * Builds the reference department's event log: the 2020 fund flows of the
 * Guangzhou municipal cyberspace affairs office (中共广州市委网信办) and its three
 * institutions, at fen level, whose projections print the ten published
 * tables exactly — the 0.01 rounding tails included.
 *
 * Run: `npx tsx examples/guangzhou-cac-2020/build-events.ts > examples/guangzhou-cac-2020/events.jsonl`
 *
 * How the flows are derived is told in README.md beside this file. In short:
 * every published leaf cell gives an amount; where the report prints a parent
 * that is not the sum of its printed children (尾数误差), a few leaves carry
 * the fen the rounding hid, chosen so that every leaf and every parent rounds
 * to what the report prints. The joint detail the tables do not publish
 * (which unit spent on which code, which economic codes make up a functional
 * code's basic spending) is filled by the deterministic rules below.
 *
 * @module
 */
import { parseWan } from "../../src/money/decimal.js";
import type { Category, Fund, NonTaxManagement, ProcurementKind, SupplierSize, UnitKind } from "../../src/catalog/dimensions.js";
import type { EventInput } from "../../src/events/types.js";

const YEAR = 2020;

/** 万元 with up to four decimals (an amount at fen level) → fen. */
function fen(wan: string): number {
  const parsed = parseWan(wan);
  if (!parsed.ok) throw new Error(`bad amount ${wan}: ${parsed.problem}`);
  return parsed.value;
}

const events: EventInput[] = [];
let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `gz${YEAR}-${prefix}-${String(sequence).padStart(4, "0")}`;
}

// ── Units (部门决算单位构成) ─────────────────────────────────────────────────
const OFFICE = "gzcac";
const OPINION = "gzcac-opinion";
const EMERGENCY = "gzcac-emergency";
const TESTING = "gzcac-testing";

const units: { id: string; name: string; kind: UnitKind; parent: string | null }[] = [
  { id: OFFICE, name: "中共广州市委网络安全和信息化委员会办公室", kind: "administrative", parent: null },
  { id: OPINION, name: "广州市网络舆情信息中心", kind: "civilServiceManaged", parent: OFFICE },
  { id: EMERGENCY, name: "广州市网络安全应急指挥中心", kind: "publicServiceClass1", parent: OFFICE },
  { id: TESTING, name: "广州市信息安全测评中心", kind: "publicServiceClass2", parent: OFFICE },
];
for (const unit of units) {
  events.push({ id: nextId("unit"), type: "unitRegistered", year: YEAR, unit: unit.id, name: unit.name, kind: unit.kind, parent: unit.parent });
}

// ── Opening balance: 2019's unspent general-public-budget funds ──────────────
events.push({
  id: nextId("open"), type: "balanceOpened", year: YEAR, unit: EMERGENCY,
  fund: "generalPublicBudget", functional: "2150506", balance: "carried", amountFen: fen("3.87"),
  memo: "2019年末财政拨款结转",
});

// ── General-public-budget spending ──────────────────────────────────────────
interface Spend {
  unit: string;
  fund: Fund;
  functional: string;
  economic: string;
  category: Category;
  project?: string;
  amountFen: number;
  memo?: string;
}
const spending: Spend[] = [];

/**
 * Project spending (项目支出) by unit and functional code, with its economic
 * breakdown. The last economic code of each line takes the rest.
 * 2060503 and 2060599 carry the tail that makes 20605 print 7,443.88 while
 * its children print 334.40 and 7,109.49; 2150506 carries the fen that make
 * Table 3's 项目支出 total print 13,146.24.
 */
const gpbProjects: { unit: string; functional: string; project: string; amount: string; economic: [string, string][]; rest: string }[] = [
  { unit: OFFICE, functional: "2013299", project: "组织事务专项", amount: "5.00", economic: [], rest: "30216" },
  {
    unit: OFFICE, functional: "2013702", project: "网信管理事务专项", amount: "1401.82",
    economic: [["30217", "9.45"], ["30215", "36.20"], ["30211", "22.68"], ["30226", "183.40"]], rest: "30227",
  },
  {
    unit: OFFICE, functional: "2013799", project: "网络信息内容生态治理", amount: "609.04",
    economic: [["30226", "96.30"]], rest: "30227",
  },
  { unit: OFFICE, functional: "2013799", project: "网信工作专项", amount: "645.51", economic: [["30202", "41.06"]], rest: "30227" },
  { unit: TESTING, functional: "2060503", project: "科技条件专项", amount: "334.396", economic: [["31002", "58.20"]], rest: "31007" },
  {
    unit: TESTING, functional: "2060599", project: "广州市800兆数字集群共网项目", amount: "7109.486",
    economic: [["30213", "604.47"]], rest: "30227",
  },
  { unit: OPINION, functional: "2070199", project: "网络舆情监测", amount: "189.09", economic: [["30226", "52.80"]], rest: "30227" },
  { unit: OPINION, functional: "2079902", project: "网络宣传和舆情建设专项经费项目", amount: "513.20", economic: [["30202", "27.35"]], rest: "30227" },
  {
    unit: EMERGENCY, functional: "2150506", project: "网络安全应急保障", amount: "1325.368",
    economic: [["31013", "35.28"], ["31002", "112.64"]], rest: "30227",
  },
];
for (const line of gpbProjects) {
  let left = fen(line.amount);
  for (const [economic, amount] of line.economic) {
    spending.push({ unit: line.unit, fund: "generalPublicBudget", functional: line.functional, economic, category: "project", project: line.project, amountFen: fen(amount) });
    left -= fen(amount);
  }
  spending.push({ unit: line.unit, fund: "generalPublicBudget", functional: line.functional, economic: line.rest, category: "project", project: line.project, amountFen: left });
}

/**
 * Basic spending (基本支出). Functional codes whose economic code is fixed by
 * their nature (pension and annuity contributions, housing fund, housing
 * subsidy, retirees, family planning) are assigned directly, split over the
 * units by headcount shares where all units have them.
 */
const shares: [string, number][] = [[OFFICE, 55], [OPINION, 20], [EMERGENCY, 10], [TESTING, 15]];
function splitByShares(total: number): [string, number][] {
  const parts = shares.map(([unit, share]) => [unit, Math.floor((total * share) / 100)] as [string, number]);
  const rest = total - parts.reduce((sum, [, amount]) => sum + amount, 0);
  const first = parts[0];
  if (first !== undefined) first[1] += rest;
  return parts;
}
const pairedBasic: { functional: string; economic: string; amount: string; split: boolean; unit?: string }[] = [
  { functional: "2080501", economic: "30302", amount: "1.79", split: false, unit: OFFICE },
  { functional: "2080505", economic: "30108", amount: "166.85", split: true },
  { functional: "2080506", economic: "30109", amount: "83.53", split: true },
  { functional: "2210201", economic: "30113", amount: "237.33", split: true },
  { functional: "2210203", economic: "30199", amount: "595.23", split: true },
  { functional: "2100799", economic: "30399", amount: "13.65", split: false, unit: OFFICE },
  { functional: "2100799", economic: "30199", amount: "34.77", split: false, unit: OFFICE },
];
const usedByPairs = new Map<string, number>();
for (const pair of pairedBasic) {
  const total = fen(pair.amount);
  usedByPairs.set(pair.economic, (usedByPairs.get(pair.economic) ?? 0) + total);
  const parts: [string, number][] = pair.split ? splitByShares(total) : [[pair.unit ?? OFFICE, total]];
  for (const [unit, amountFen] of parts) {
    spending.push({ unit, fund: "generalPublicBudget", functional: pair.functional, economic: pair.economic, category: "basic", amountFen });
  }
}

/**
 * The department's general-public-budget basic spending by economic code
 * (Table 6). 30299 and 31002 carry the fen that make 公用经费合计 print
 * 357.61 while 商品和服务支出 prints 344.12 and 资本性支出 13.48.
 */
const basicByEconomic: [string, string][] = [
  ["30101", "430.01"], ["30102", "1128.04"], ["30103", "2.10"], ["30107", "203.54"], ["30108", "166.85"],
  ["30109", "83.53"], ["30112", "5.11"], ["30113", "271.50"], ["30199", "819.98"],
  ["30302", "60.98"], ["30309", "55.62"], ["30399", "13.65"],
  ["30201", "25.85"], ["30202", "9.42"], ["30204", "0.50"], ["30205", "1.26"], ["30206", "36.88"], ["30207", "13.78"],
  ["30209", "24.06"], ["30211", "4.10"], ["30213", "18.40"], ["30216", "1.42"], ["30217", "1.20"], ["30226", "11.44"],
  ["30227", "18.05"], ["30228", "43.74"], ["30229", "23.57"], ["30231", "9.04"], ["30239", "54.33"], ["30240", "0.10"],
  ["30299", "46.984"],
  ["31002", "13.484"],
];

/**
 * The functional codes of day-to-day running (行政运行 for the office, the
 * opinion centre's 其他文化和旅游支出, the two centres' 信息安全建设) take the
 * rest of the basic spending: first the 三公 items of the office, then the
 * public expenses (公用经费) up to each cell's share, then personnel
 * expenses, each filled in code order into the cells in the order listed.
 * 2013701 and 2150506 carry the fen that make Table 5's 基本支出 total print
 * 3,598.52. The office and the opinion centre (administrative and
 * civil-service-managed) spend 213.52 on public expenses: the 机关运行经费.
 */
const runningCells: { unit: string; functional: string; total: string; publicShare: string }[] = [
  { unit: OFFICE, functional: "2013701", total: "1528.684", publicShare: "170.00" },
  { unit: OPINION, functional: "2070199", total: "434.20", publicShare: "43.52" },
  { unit: EMERGENCY, functional: "2150506", total: "200.00", publicShare: "60.00" },
  { unit: TESTING, functional: "2150506", total: "302.484", publicShare: "84.088" },
];
const preassigned: [string, string][] = [["30217", "1.20"], ["30231", "9.04"]];

const PUBLIC_CLASSES = ["302", "307", "310", "399"];
const isPublic = (economic: string): boolean => PUBLIC_CLASSES.includes(economic.slice(0, 3));
const remaining = new Map<string, number>(basicByEconomic.map(([code, amount]) => [code, fen(amount) - (usedByPairs.get(code) ?? 0)]));
const officeCell = runningCells[0];
if (officeCell === undefined) throw new Error("no running cells");
const publicLeft = new Map(runningCells.map((cell) => [cell, fen(cell.publicShare)]));
const personnelLeft = new Map(runningCells.map((cell) => [cell, fen(cell.total) - fen(cell.publicShare)]));
for (const [economic, amount] of preassigned) {
  spending.push({ unit: officeCell.unit, fund: "generalPublicBudget", functional: officeCell.functional, economic, category: "basic", amountFen: fen(amount) });
  remaining.set(economic, (remaining.get(economic) ?? 0) - fen(amount));
  publicLeft.set(officeCell, (publicLeft.get(officeCell) ?? 0) - fen(amount));
}
function fill(codes: string[], capacity: Map<(typeof runningCells)[number], number>): void {
  let cellIndex = 0;
  for (const economic of codes) {
    let left = remaining.get(economic) ?? 0;
    while (left > 0) {
      const cell = runningCells[cellIndex];
      if (cell === undefined) throw new Error(`no capacity left for ${economic}`);
      const room = capacity.get(cell) ?? 0;
      const take = Math.min(room, left);
      if (take > 0) {
        spending.push({ unit: cell.unit, fund: "generalPublicBudget", functional: cell.functional, economic, category: "basic", amountFen: take });
        capacity.set(cell, room - take);
        left -= take;
      }
      if ((capacity.get(cell) ?? 0) === 0) cellIndex += 1;
    }
    remaining.set(economic, 0);
  }
  for (const [cell, room] of capacity) if (room !== 0) throw new Error(`cell ${cell.unit}/${cell.functional} not filled: ${room}`);
}
const codesInOrder = basicByEconomic.map(([code]) => code).sort();
fill(codesInOrder.filter(isPublic), publicLeft);
fill(codesInOrder.filter((code) => !isPublic(code)), personnelLeft);

// ── Non-fiscal funds: the testing centre's 事业收入 and 其他收入 ───────────────
/**
 * The testing centre earns 事业收入 from security testing and 其他收入 (bank
 * interest). It spends part on its staff (pension, annuity, housing, on the
 * same codes as its fiscal basic spending) and on 信息安全建设, and
 * distributes the non-fiscal surplus (结余分配) to its reserve. 2150506
 * carries the fen that make Table 2's 2150506 print 4,668.94 and Table 3's
 * 基本支出 and 项目支出 totals print 4,155.18 and 13,146.24.
 */
const nonFiscalSpending: [string, string, Category, string][] = [
  ["2080505", "30108", "basic", "15.43"],
  ["2080506", "30109", "basic", "7.72"],
  ["2210201", "30113", "basic", "59.13"],
  ["2210203", "30199", "basic", "99.84"],
  ["2150506", "30101", "basic", "120.00"],
  ["2150506", "30102", "basic", "146.38"],
  ["2150506", "30107", "basic", "62.00"],
  ["2150506", "30201", "basic", "18.20"],
  ["2150506", "30227", "basic", "27.964"],
  ["2150506", "30226", "project", "212.40"],
  ["2150506", "30227", "project", "800.926"],
];
for (const [functional, economic, category, amount] of nonFiscalSpending) {
  spending.push({
    unit: TESTING, fund: "institutional", functional, economic, category,
    ...(category === "project" ? { project: "网络安全测评服务" } : {}),
    amountFen: fen(amount),
  });
}
const nonFiscalReceipts: [Fund, string, string][] = [
  ["institutional", "2080505", "15.43"],
  ["institutional", "2080506", "7.72"],
  ["institutional", "2150506", "2675.712"],
  ["institutional", "2210201", "59.13"],
  ["institutional", "2210203", "99.84"],
  ["other", "2150506", "165.372"],
];

// ── Receipts: the fiscal funds arrive as they are spent ───────────────────────
const gpbReceipts = new Map<string, { unit: string; functional: string; category: Category; amountFen: number }>();
for (const item of spending) {
  if (item.fund !== "generalPublicBudget") continue;
  const key = `${item.unit}|${item.functional}|${item.category}`;
  const found = gpbReceipts.get(key);
  if (found === undefined) gpbReceipts.set(key, { unit: item.unit, functional: item.functional, category: item.category, amountFen: item.amountFen });
  else found.amountFen += item.amountFen;
}
for (const receipt of [...gpbReceipts.values()].sort((a, b) => (`${a.unit}|${a.functional}|${a.category}` < `${b.unit}|${b.functional}|${b.category}` ? -1 : 1))) {
  events.push({
    id: nextId("rcpt"), type: "receiptRecorded", year: YEAR, unit: receipt.unit,
    source: "generalPublicBudget", functional: receipt.functional, amountFen: receipt.amountFen,
    memo: receipt.category === "basic" ? "基本支出拨款" : "项目支出拨款",
  });
}
for (const [source, functional, amount] of nonFiscalReceipts) {
  events.push({ id: nextId("rcpt"), type: "receiptRecorded", year: YEAR, unit: TESTING, source, functional, amountFen: fen(amount) });
}

// ── Appropriations (预算指标) ───────────────────────────────────────────────
/**
 * The full-year general-public-budget budget of each spending line equals its
 * spending, except the 三公 items and the content-ecology project, whose
 * budgets the report prints. Budgets of 三公 items name their economic code.
 * The 年初预算 of 宣传事务 (20133) was moved to 网信事务 (20137) by
 * adjustment — which is why Table 5 prints 20133 at zero. The 网络信息内容
 * 生态治理 project was added during the year (追加).
 */
const threePublicBudget: { unit: string; functional: string; category: Category; economic: string; budget: string; project?: string }[] = [
  { unit: OFFICE, functional: "2013701", category: "basic", economic: "30217", budget: "2.00" },
  { unit: OFFICE, functional: "2013702", category: "project", economic: "30217", budget: "11.26", project: "网信管理事务专项" },
  { unit: OFFICE, functional: "2013701", category: "basic", economic: "30231", budget: "10.92" },
  { unit: EMERGENCY, functional: "2150506", category: "project", economic: "31013", budget: "36.00", project: "网络安全应急保障" },
];
const budgetLines = new Map<string, { unit: string; functional: string; category: Category; project?: string; amountFen: number }>();
for (const item of spending) {
  if (item.fund !== "generalPublicBudget") continue;
  const isThreePublic = threePublicBudget.some((b) => b.economic === item.economic && b.unit === item.unit && b.functional === item.functional && b.category === item.category);
  if (isThreePublic) continue;
  const key = `${item.unit}|${item.functional}|${item.category}|${item.project ?? ""}`;
  const found = budgetLines.get(key);
  if (found === undefined) {
    budgetLines.set(key, { unit: item.unit, functional: item.functional, category: item.category, ...(item.project === undefined ? {} : { project: item.project }), amountFen: item.amountFen });
  } else found.amountFen += item.amountFen;
}
const ecology = budgetLines.get(`${OFFICE}|2013799|project|网络信息内容生态治理`);
if (ecology === undefined) throw new Error("no ecology line");
ecology.amountFen = fen("613.50");
const movedFromPublicity: [string, string, string][] = [
  ["2013301", "2013701", "20.00"],
  ["2013350", "2013701", "12.00"],
];
for (const line of [...budgetLines.values()].sort((a, b) => (`${a.unit}|${a.functional}|${a.category}|${a.project ?? ""}` < `${b.unit}|${b.functional}|${b.category}|${b.project ?? ""}` ? -1 : 1))) {
  const addedDuringYear = line.project === "网络信息内容生态治理";
  events.push({
    id: nextId("appr"), type: "appropriationMade", year: YEAR, unit: line.unit, fund: "generalPublicBudget",
    functional: line.functional, category: line.category, ...(line.project === undefined ? {} : { project: line.project }),
    stage: addedDuringYear ? "adjustment" : "initial", amountFen: line.amountFen,
  });
}
for (const line of threePublicBudget) {
  events.push({
    id: nextId("appr"), type: "appropriationMade", year: YEAR, unit: line.unit, fund: "generalPublicBudget",
    functional: line.functional, category: line.category, economic: line.economic,
    ...(line.project === undefined ? {} : { project: line.project }),
    stage: "initial", amountFen: fen(line.budget),
  });
}
for (const [from, to, amount] of movedFromPublicity) {
  events.push({ id: nextId("appr"), type: "appropriationMade", year: YEAR, unit: OFFICE, fund: "generalPublicBudget", functional: from, category: "basic", stage: "initial", amountFen: fen(amount) });
  events.push({ id: nextId("appr"), type: "appropriationMade", year: YEAR, unit: OFFICE, fund: "generalPublicBudget", functional: from, category: "basic", stage: "adjustment", amountFen: -fen(amount), memo: `调整至${to}` });
}

// ── Expenditures ───────────────────────────────────────────────────────────
for (const item of spending) {
  events.push({
    id: nextId("exp"), type: "expenditureRecorded", year: YEAR, unit: item.unit, fund: item.fund,
    functional: item.functional, economic: item.economic, category: item.category,
    ...(item.project === undefined ? {} : { project: item.project }),
    amountFen: item.amountFen,
  });
}

// ── Surplus distribution (结余分配) ─────────────────────────────────────────
const institutionalIn = nonFiscalReceipts.filter(([source, functional]) => source === "institutional" && functional === "2150506").reduce((sum, [, , amount]) => sum + fen(amount), 0);
const institutionalOut = spending.filter((s) => s.fund === "institutional" && s.functional === "2150506").reduce((sum, s) => sum + s.amountFen, 0);
events.push({ id: nextId("dist"), type: "surplusDistributed", year: YEAR, unit: TESTING, fund: "institutional", functional: "2150506", amountFen: institutionalIn - institutionalOut, memo: "转入事业基金" });
events.push({ id: nextId("dist"), type: "surplusDistributed", year: YEAR, unit: TESTING, fund: "other", functional: "2150506", amountFen: fen("165.372"), memo: "转入事业基金" });

// ── Non-tax revenue collected for the treasury (Table 10) ────────────────────
const nonTax: [string, string, NonTaxManagement, string][] = [
  [TESTING, "otherInterest", "budget", "0.08"],
  [OFFICE, "administrativeAssetDisposal", "budget", "0.04"],
  [TESTING, "institutionAssetDisposal", "budget", "8.13"],
  [EMERGENCY, "otherNonOperatingAssets", "budget", "0.61"],
];
for (const [unit, line, management, amount] of nonTax) {
  events.push({ id: nextId("ntax"), type: "nonTaxRevenueCollected", year: YEAR, unit, line, management, amountFen: fen(amount) });
}

// ── Government procurement contracts ────────────────────────────────────────
const contracts: [string, ProcurementKind, SupplierSize, string][] = [
  [OFFICE, "goods", "large", "60.00"],
  [EMERGENCY, "goods", "medium", "40.00"],
  [TESTING, "goods", "small", "24.44"],
  [TESTING, "services", "large", "1351.42"],
  [OFFICE, "services", "medium", "613.56"],
  [OPINION, "services", "small", "40.00"],
  [OPINION, "services", "micro", "27.40"],
];
for (const [unit, procurement, supplierSize, amount] of contracts) {
  events.push({ id: nextId("proc"), type: "procurementAwarded", year: YEAR, unit, procurement, supplierSize, amountFen: fen(amount) });
}

process.stdout.write(events.map((event) => JSON.stringify(event)).join("\n") + "\n");
