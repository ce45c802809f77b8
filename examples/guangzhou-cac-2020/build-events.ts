/**
 * Builds the reference department's event log: the 2020 fund flows of the
 * Guangzhou municipal cyberspace affairs office (中共广州市委网信办) and its three
 * institutions, at fen level, whose projections print the ten published
 * tables exactly — the 0.01 rounding tails included — and every figure of the
 * report's explanations (parts 3 and 4): the budgets, the 2019 year the
 * comparisons are made with (closed into 2020), the counts and holdings, and
 * the performance evaluations.
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
import type { EventInput, IndicatorClass, IndicatorDimension, LedgerEvent, VehiclePurpose } from "../../src/events/types.js";
import { createLedger } from "../../src/ledger/ledger.js";

const YEAR = 2020;
/** The year before: the report compares 2020 with it. */
const PRIOR = 2019;

/** 万元 with up to four decimals (an amount at fen level) → fen. */
function fen(wan: string): number {
  const parsed = parseWan(wan);
  if (!parsed.ok) throw new Error(`bad amount ${wan}: ${parsed.problem}`);
  return parsed.value;
}

const events: EventInput[] = [];
let sequence = 0;
function nextId(prefix: string, year: number = YEAR): string {
  sequence += 1;
  return `gz${year}-${prefix}-${String(sequence).padStart(4, "0")}`;
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
// The office was set up by the 2019 institutional reform (办本级为2019年机构改革新设立的单位): the units enter in 2019.
for (const unit of units) {
  events.push({ id: nextId("unit", PRIOR), type: "unitRegistered", year: PRIOR, unit: unit.id, name: unit.name, kind: unit.kind, parent: unit.parent });
}

// ── 2019: the year the report compares with ─────────────────────────────────
/**
 * The report states each 2020 figure and its change on 2019; each 2019 total
 * is the 2020 total at fen level less the printed change (e.g. general-public-
 * budget receipts 15,731.428 − 1,060.37 = 14,671.058). The split of those
 * totals over units, codes and projects is a reconstruction. The emergency
 * centre leaves 3.87 of its general-public-budget receipts unspent, which the
 * 2019 close carries into 2020 (Table 1's 年初结转和结余); the testing
 * centre's non-fiscal surplus goes to its reserve (结余分配), so no other fund
 * carries a balance.
 */
const prior2019 = {
  generalPublicBudgetReceipts: fen("15731.428") - fen("1060.37"),
  institutionalReceipts: fen("2857.832") - fen("132.18"),
  otherReceipts: fen("165.372") - fen("1.25"),
  basicSpending: fen("4155.182") - fen("1036.57"),
  projectSpending: fen("13146.236") - fen("-113.08"),
  carriedIntoNextYear: fen("3.87"),
};
/** 2019 spending: [unit, fund, functional, economic, category, project, 万元]; the last line of each kind takes the rest of its total. */
const spending2019: [string, Fund, string, string, Category, string | null, string][] = [
  [TESTING, "institutional", "2150506", "30101", "basic", null, "200.00"],
  [TESTING, "institutional", "2150506", "30102", "basic", null, "180.00"],
  [TESTING, "institutional", "2150506", "30201", "basic", null, "100.00"],
  [TESTING, "institutional", "2150506", "30227", "project", "网络安全测评服务", "1230.74"],
  [OFFICE, "generalPublicBudget", "2013701", "30101", "basic", null, "600.00"],
  [OFFICE, "generalPublicBudget", "2013701", "30102", "basic", null, "420.00"],
  [OFFICE, "generalPublicBudget", "2013701", "30201", "basic", null, "180.00"],
  [OPINION, "generalPublicBudget", "2070199", "30101", "basic", null, "250.00"],
  [OPINION, "generalPublicBudget", "2070199", "30201", "basic", null, "150.00"],
  [TESTING, "generalPublicBudget", "2150506", "30101", "basic", null, "400.00"],
  [TESTING, "generalPublicBudget", "2150506", "30201", "basic", null, "200.00"],
  [EMERGENCY, "generalPublicBudget", "2150506", "30101", "basic", null, "300.00"],
  [EMERGENCY, "generalPublicBudget", "2150506", "30201", "basic", null, "rest"],
  [OFFICE, "generalPublicBudget", "2013702", "30227", "project", "网信管理事务专项", "1500.00"],
  [OFFICE, "generalPublicBudget", "2013799", "30227", "project", "网信工作专项", "900.00"],
  [TESTING, "generalPublicBudget", "2060599", "30227", "project", "广州市800兆数字集群共网项目", "7600.00"],
  [OPINION, "generalPublicBudget", "2079902", "30227", "project", "网络宣传和舆情建设专项经费项目", "700.00"],
  [EMERGENCY, "generalPublicBudget", "2150506", "30227", "project", "网络安全应急保障", "rest"],
];
{
  const spent = { basic: 0, project: 0 };
  const nonFiscalSpent = new Map<string, number>();
  const received = new Map<string, { unit: string; functional: string; amountFen: number }>();
  for (const [unit, fund, functional, economic, category, project, amount] of spending2019) {
    const total = category === "basic" ? prior2019.basicSpending : prior2019.projectSpending;
    const kind = category === "basic" ? "basic" : "project";
    const amountFen = amount === "rest" ? total - spent[kind] : fen(amount);
    spent[kind] += amountFen;
    events.push({
      id: nextId("exp", PRIOR), type: "expenditureRecorded", year: PRIOR, unit, fund, functional, economic, category,
      ...(project === null ? {} : { project }), amountFen,
    });
    if (fund === "generalPublicBudget") {
      const key = `${unit}|${functional}`;
      const found = received.get(key) ?? { unit, functional, amountFen: 0 };
      found.amountFen += amountFen;
      received.set(key, found);
    } else nonFiscalSpent.set(fund, (nonFiscalSpent.get(fund) ?? 0) + amountFen);
  }
  const emergencyRunning = received.get(`${EMERGENCY}|2150506`);
  if (emergencyRunning === undefined) throw new Error("no 2019 emergency receipts");
  emergencyRunning.amountFen += prior2019.carriedIntoNextYear;
  let receivedTotal = 0;
  for (const receipt of received.values()) {
    receivedTotal += receipt.amountFen;
    events.push({ id: nextId("rcpt", PRIOR), type: "receiptRecorded", year: PRIOR, unit: receipt.unit, source: "generalPublicBudget", functional: receipt.functional, amountFen: receipt.amountFen });
  }
  if (receivedTotal !== prior2019.generalPublicBudgetReceipts) throw new Error(`2019 general-public-budget receipts ${receivedTotal} ≠ ${prior2019.generalPublicBudgetReceipts}`);
  events.push({ id: nextId("rcpt", PRIOR), type: "receiptRecorded", year: PRIOR, unit: TESTING, source: "institutional", functional: "2150506", amountFen: prior2019.institutionalReceipts });
  events.push({ id: nextId("rcpt", PRIOR), type: "receiptRecorded", year: PRIOR, unit: TESTING, source: "other", functional: "2150506", amountFen: prior2019.otherReceipts });
  const institutionalSurplus = prior2019.institutionalReceipts - (nonFiscalSpent.get("institutional") ?? 0);
  if (institutionalSurplus <= 0) throw new Error("2019: no institutional surplus to distribute");
  events.push({ id: nextId("dist", PRIOR), type: "surplusDistributed", year: PRIOR, unit: TESTING, fund: "institutional", functional: "2150506", amountFen: institutionalSurplus, memo: "转入事业基金" });
  events.push({ id: nextId("dist", PRIOR), type: "surplusDistributed", year: PRIOR, unit: TESTING, fund: "other", functional: "2150506", amountFen: prior2019.otherReceipts, memo: "转入事业基金" });
  // The year closes with exactly the balances its events leave: a ledger of the events so far computes them.
  const ledger = createLedger();
  ledger.append(events);
  for (const unit of [...units.map((u) => u.id)].sort()) {
    events.push({ id: `gz${PRIOR}-close-${unit}`, type: "yearClosed", year: PRIOR, unit, balances: ledger.closingBalances(PRIOR, unit) });
  }
}

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
 * Project spending (项目支出) by unit, functional code and project, with its
 * economic breakdown. The last economic code of each line takes the rest.
 * The report self-evaluates 19 general-public-budget projects (all project
 * spending, 12,132.91) and key-evaluates two, whose spending is 8,271.99:
 * the 800 MHz trunked network (all of 2060599) and 网络宣传和舆情建设专项经费,
 * run by the office (2013702) and the opinion centre (2079902).
 * 2060503 and 2060599 carry the tail that makes 20605 print 7,443.88 while
 * its children print 334.40 and 7,109.49; 2150506 carries the fen that make
 * Table 3's 项目支出 total print 13,146.24.
 */
const gpbProjects: { unit: string; functional: string; project: string; amount: string; economic: [string, string][]; rest: string }[] = [
  { unit: OFFICE, functional: "2013299", project: "组织事务专项", amount: "5.00", economic: [], rest: "30216" },
  {
    unit: OFFICE, functional: "2013702", project: "网信管理事务专项", amount: "350.00",
    economic: [["30217", "9.45"], ["30215", "36.20"], ["30211", "22.68"], ["30226", "83.40"]], rest: "30227",
  },
  { unit: OFFICE, functional: "2013702", project: "网络安全宣传周", amount: "180.00", economic: [["30226", "100.00"]], rest: "30227" },
  { unit: OFFICE, functional: "2013702", project: "网络宣传和舆情建设专项经费项目", amount: "649.304", economic: [], rest: "30227" },
  { unit: OFFICE, functional: "2013702", project: "网络社会工作", amount: "122.516", economic: [], rest: "30227" },
  { unit: OFFICE, functional: "2013702", project: "网络文明建设", amount: "100.00", economic: [], rest: "30227" },
  { unit: OFFICE, functional: "2013799", project: "网络信息内容生态治理", amount: "609.04", economic: [["30226", "96.30"]], rest: "30227" },
  { unit: OFFICE, functional: "2013799", project: "网信工作专项", amount: "300.00", economic: [["30202", "41.06"]], rest: "30227" },
  { unit: OFFICE, functional: "2013799", project: "网络安全监督检查专项", amount: "200.00", economic: [], rest: "30227" },
  { unit: OFFICE, functional: "2013799", project: "互联网信息服务管理专项", amount: "145.51", economic: [], rest: "30227" },
  { unit: TESTING, functional: "2060503", project: "测评实验室设备购置", amount: "200.00", economic: [["31002", "58.20"]], rest: "31007" },
  { unit: TESTING, functional: "2060503", project: "科技条件专项", amount: "134.396", economic: [], rest: "31007" },
  {
    unit: TESTING, functional: "2060599", project: "广州市800兆数字集群共网项目", amount: "7109.486",
    economic: [["30213", "604.47"]], rest: "30227",
  },
  { unit: OPINION, functional: "2070199", project: "网络舆情监测", amount: "120.00", economic: [["30226", "52.80"]], rest: "30227" },
  { unit: OPINION, functional: "2070199", project: "舆情信息报送", amount: "69.09", economic: [], rest: "30227" },
  { unit: OPINION, functional: "2079902", project: "网络宣传和舆情建设专项经费项目", amount: "513.20", economic: [["30202", "27.35"]], rest: "30227" },
  {
    unit: EMERGENCY, functional: "2150506", project: "网络安全应急保障", amount: "600.00",
    economic: [["31013", "35.28"], ["31002", "112.64"]], rest: "30227",
  },
  { unit: EMERGENCY, functional: "2150506", project: "网络安全态势感知平台运维", amount: "225.368", economic: [], rest: "30227" },
  { unit: EMERGENCY, functional: "2150506", project: "应急通信保障", amount: "200.00", economic: [], rest: "30227" },
  { unit: EMERGENCY, functional: "2150506", project: "关键信息基础设施安全检查", amount: "300.00", economic: [], rest: "30227" },
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
 * Budgets, each line full-year (all stages) and split into 年初预算 and 调整预算:
 *
 * - the full-year general-public-budget budget of each spending line is its
 *   spending, except the 三公 items (Table 7's 预算数, 年初预算, naming their
 *   economic code), the content-ecology project (613.50 budgeted, 609.04
 *   spent, all added during the year: 追加) and 网络宣传和舆情建设专项经费
 *   (1,166.76 budgeted, 1,162.504 spent);
 * - the basic budgets of the office and the opinion centre (the units whose
 *   公用经费 is 机关运行经费) name their economic codes; their 公用经费 budget
 *   was 193.97 at the start of the year and rose with mid-year hires (年中人数
 *   增加) — the adjustment falls on their public-expense lines in order;
 * - the 年初预算 of 宣传事务 (2013301, 2013350) moved to 网信事务 (2013701) by
 *   adjustment, which is why Table 5 prints 20133 at zero;
 * - the 800 MHz network was budgeted 6,505.01 at the start of the year (the
 *   report's 申报费用预算), the rest added during the year;
 * - 网络宣传和舆情建设专项经费 takes the remaining additions, so that the
 *   general-public-budget 年初预算 totals 14,454.07 (the report: spending
 *   15,731.43 is 1,277.36 above it);
 * - the testing centre's non-fiscal (事业收入) budget is its spending plus what
 *   it left unspent on its testing services, so that the department's
 *   full-year budget of all funds is 17,317.06 (部门整体支出: 执行数 17,301.42).
 */
const threePublicBudget: { unit: string; functional: string; category: Category; economic: string; budget: string; project?: string }[] = [
  { unit: OFFICE, functional: "2013701", category: "basic", economic: "30217", budget: "2.00" },
  { unit: OFFICE, functional: "2013702", category: "project", economic: "30217", budget: "11.26", project: "网信管理事务专项" },
  { unit: OFFICE, functional: "2013701", category: "basic", economic: "30231", budget: "10.92" },
  { unit: EMERGENCY, functional: "2150506", category: "project", economic: "31013", budget: "36.00", project: "网络安全应急保障" },
];
const GENERAL_BUDGET_INITIAL_TOTAL = fen("14454.07");
const OFFICE_RUNNING_INITIAL = fen("193.97");
const DEPARTMENT_FULL_YEAR = fen("17317.06");
const ECOLOGY = "网络信息内容生态治理";
const PROPAGANDA = "网络宣传和舆情建设专项经费项目";
const TRUNKED_NETWORK = "广州市800兆数字集群共网项目";

interface BudgetLine {
  unit: string;
  fund: Fund;
  functional: string;
  category: Category;
  economic?: string;
  project?: string;
  fullYearFen: number;
  adjustmentFen: number;
}
const budgetLines = new Map<string, BudgetLine>();
const lineKey = (l: { unit: string; fund: Fund; functional: string; category: Category; economic?: string | undefined; project?: string | undefined }): string =>
  `${l.unit}|${l.fund}|${l.functional}|${l.category}|${l.economic ?? ""}|${l.project ?? ""}`;
const namesEconomic = (unit: string, category: Category): boolean => category === "basic" && (unit === OFFICE || unit === OPINION);
for (const item of spending) {
  const isThreePublic = threePublicBudget.some((b) => b.economic === item.economic && b.unit === item.unit && b.functional === item.functional && b.category === item.category);
  if (isThreePublic) continue;
  const line: BudgetLine = {
    unit: item.unit, fund: item.fund, functional: item.functional, category: item.category,
    ...(namesEconomic(item.unit, item.category) ? { economic: item.economic } : {}),
    ...(item.project === undefined ? {} : { project: item.project }),
    fullYearFen: 0, adjustmentFen: 0,
  };
  const found = budgetLines.get(lineKey(line)) ?? line;
  found.fullYearFen += item.amountFen;
  budgetLines.set(lineKey(line), found);
}
for (const b of threePublicBudget) {
  const line: BudgetLine = {
    unit: b.unit, fund: "generalPublicBudget", functional: b.functional, category: b.category, economic: b.economic,
    ...(b.project === undefined ? {} : { project: b.project }), fullYearFen: fen(b.budget), adjustmentFen: 0,
  };
  budgetLines.set(lineKey(line), line);
}
function budgetLine(unit: string, fund: Fund, functional: string, category: Category, options: { economic?: string; project?: string } = {}): BudgetLine {
  const found = budgetLines.get(lineKey({ unit, fund, functional, category, ...options }));
  if (found === undefined) throw new Error(`no budget line ${unit} ${fund} ${functional} ${category} ${JSON.stringify(options)}`);
  return found;
}
const gpbLines = (): BudgetLine[] => [...budgetLines.values()].filter((line) => line.fund === "generalPublicBudget");

// Added during the year (追加): the whole content-ecology project.
const ecologyLine = budgetLine(OFFICE, "generalPublicBudget", "2013799", "project", { project: ECOLOGY });
ecologyLine.fullYearFen = fen("613.50");
ecologyLine.adjustmentFen = ecologyLine.fullYearFen;
// 网络宣传和舆情建设专项经费: 1,166.76 budgeted over its two lines.
const propagandaOffice = budgetLine(OFFICE, "generalPublicBudget", "2013702", "project", { project: PROPAGANDA });
const propagandaOpinion = budgetLine(OPINION, "generalPublicBudget", "2079902", "project", { project: PROPAGANDA });
propagandaOffice.fullYearFen = fen("1166.76") - propagandaOpinion.fullYearFen;
// The 800 MHz network: 6,505.01 at the start of the year.
const trunked = budgetLine(TESTING, "generalPublicBudget", "2060599", "project", { project: TRUNKED_NETWORK });
trunked.adjustmentFen = trunked.fullYearFen - fen("6505.01");
// 宣传事务's budget moved to 网信事务 (the office's basic salaries line).
const movedFromPublicity: [string, string][] = [["2013301", "20.00"], ["2013350", "12.00"]];
const salaries = budgetLine(OFFICE, "generalPublicBudget", "2013701", "basic", { economic: "30101" });
salaries.adjustmentFen += movedFromPublicity.reduce((sum, [, amount]) => sum + fen(amount), 0);
// 机关运行经费: the public-expense budget of the office and the opinion centre was 193.97 at the start of the year.
const isPublicLine = (line: BudgetLine): boolean => line.category === "basic" && (line.unit === OFFICE || line.unit === OPINION) && line.economic !== undefined && isPublic(line.economic);
const publicLines = gpbLines().filter(isPublicLine);
let publicRaise = publicLines.reduce((sum, line) => sum + line.fullYearFen, 0) - OFFICE_RUNNING_INITIAL;
if (publicRaise < 0) throw new Error("the public-expense budget is below its initial amount");
const isThreePublicLine = (line: BudgetLine): boolean => threePublicBudget.some((b) => b.unit === line.unit && b.functional === line.functional && b.economic === line.economic && b.category === line.category);
for (const line of publicLines.filter((l) => !isThreePublicLine(l)).sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1))) {
  const take = Math.min(publicRaise, line.fullYearFen);
  line.adjustmentFen += take;
  publicRaise -= take;
}
if (publicRaise !== 0) throw new Error("the public-expense raise does not fit");
// The rest of the additions: 网络宣传和舆情建设专项经费 (the office's line).
const initialSoFar = gpbLines().reduce((sum, line) => sum + line.fullYearFen - line.adjustmentFen, 0) + movedFromPublicity.reduce((sum, [, amount]) => sum + fen(amount), 0);
propagandaOffice.adjustmentFen = initialSoFar - GENERAL_BUDGET_INITIAL_TOTAL;
if (propagandaOffice.adjustmentFen < 0 || propagandaOffice.adjustmentFen > propagandaOffice.fullYearFen) throw new Error(`propaganda adjustment out of range: ${propagandaOffice.adjustmentFen}`);
// The testing centre's non-fiscal budget: its spending, plus what its testing services left unspent.
const testingServices = budgetLine(TESTING, "institutional", "2150506", "project", { project: "网络安全测评服务" });
const allFullYear = (): number => [...budgetLines.values()].reduce((sum, line) => sum + line.fullYearFen, 0);
testingServices.fullYearFen += DEPARTMENT_FULL_YEAR - allFullYear();
if (allFullYear() !== DEPARTMENT_FULL_YEAR) throw new Error("the department's full-year budget does not add up");

for (const line of [...budgetLines.values()].sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1))) {
  const base = {
    type: "appropriationMade" as const, year: YEAR, unit: line.unit, fund: line.fund, functional: line.functional, category: line.category,
    ...(line.economic === undefined ? {} : { economic: line.economic }),
    ...(line.project === undefined ? {} : { project: line.project }),
  };
  const initialFen = line.fullYearFen - line.adjustmentFen;
  if (initialFen < 0) throw new Error(`negative initial budget on ${lineKey(line)}`);
  if (initialFen > 0) events.push({ id: nextId("appr"), ...base, stage: "initial", amountFen: initialFen });
  if (line.adjustmentFen !== 0) events.push({ id: nextId("appr"), ...base, stage: "adjustment", amountFen: line.adjustmentFen, memo: "年中追加" });
}
for (const [from, amount] of movedFromPublicity) {
  events.push({ id: nextId("appr"), type: "appropriationMade", year: YEAR, unit: OFFICE, fund: "generalPublicBudget", functional: from, category: "basic", stage: "initial", amountFen: fen(amount) });
  events.push({ id: nextId("appr"), type: "appropriationMade", year: YEAR, unit: OFFICE, fund: "generalPublicBudget", functional: from, category: "basic", stage: "adjustment", amountFen: -fen(amount), memo: "调整至2013701" });
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

// ── Counts and holdings the report prints (三公 details, 国有资产占用情况) ────────
/**
 * Two emergency vehicles bought by the emergency centre (its 31013 spending);
 * at the year's end the office holds two confidential-communication
 * vehicles and the emergency centre two emergency vehicles; the office
 * hosted 17 domestic receptions of 208 visitors; nobody went abroad and no
 * foreign delegation came (no event: a count of zero is an absence). The
 * testing centre holds 19 items of general equipment of 500,000 yuan or more
 * (their prices are a reconstruction: the report prints the count only).
 */
const vehicles: ["vehiclesPurchased" | "vehiclesHeld", string, VehiclePurpose, number][] = [
  ["vehiclesPurchased", EMERGENCY, "emergency", 2],
  ["vehiclesHeld", OFFICE, "confidentialCommunication", 2],
  ["vehiclesHeld", EMERGENCY, "emergency", 2],
];
for (const [type, unit, purpose, count] of vehicles) events.push({ id: nextId("fact"), type, year: YEAR, unit, purpose, count });
events.push({ id: nextId("fact"), type: "receptionsHosted", year: YEAR, unit: OFFICE, guests: "domestic", receptions: 17, visitors: 208 });
const equipment: [string, "general" | "special", string, number][] = [
  [TESTING, "general", "68.00", 12],
  [TESTING, "general", "52.50", 7],
];
for (const [unit, kind, price, count] of equipment) {
  events.push({ id: nextId("fact"), type: "equipmentHeld", year: YEAR, unit, equipment: kind, unitPriceFen: fen(price), count });
}

// ── Performance evaluation (预算绩效管理) ───────────────────────────────────
/**
 * Every general-public-budget project is self-evaluated (19 projects, all of
 * Table 5's 项目支出); the department key-evaluates two. The content-ecology
 * project's self-evaluation table is published: its goal, its indicators
 * with their targets, weights and scores, and the weight of its budget
 * completion (20 points).
 */
const projectUnits = new Map<string, string>();
for (const line of gpbProjects) if (!projectUnits.has(line.project)) projectUnits.set(line.project, line.unit);
for (const [project, unit] of projectUnits) events.push({ id: nextId("perf"), type: "performanceEvaluated", year: YEAR, unit, project, evaluation: "self" });
for (const project of [TRUNKED_NETWORK, PROPAGANDA]) {
  events.push({ id: nextId("perf"), type: "performanceEvaluated", year: YEAR, unit: projectUnits.get(project) ?? OFFICE, project, evaluation: "key" });
}
events.push({
  id: nextId("perf"), type: "performanceGoalEvaluated", year: YEAR, unit: OFFICE, project: ECOLOGY, budgetWeight: 20,
  goal: "为将网络信息内容生态治理工作落到实处，结合本次疫情期间网络生态治理的经验和教训，继续做好后续阶段的疫情防控和经济发展的网络舆论宣传引导及应急处理相关工作。",
  outcome: "深入开展抗击疫情网上正面宣传和网络舆论引导工作，积极谋划城市形象网络宣传，同时推动网络社会工作，指导互联网企业自律，同时做好重大舆情引导和处置工作，圆满完成了年初设定的绩效目标。",
});
const indicators: [IndicatorClass, IndicatorDimension, string, string, string, number, number, string][] = [
  ["output", "quantity", "与本土自媒体大V合作专题策划数量", "10", "11", 15, 15, "与本土自媒体大V合作专题策划数量超过10个。"],
  ["output", "quantity", "与本土自媒体大V合作专题阅读量", "100万", "100万", 15, 15, "与本土自媒体大V合作专题阅读量超过100万人次。"],
  ["output", "quantity", "聚合各级媒体发布疫情防控和复工复产信息数量", "14.5万篇次", "15万篇次", 15, 15, "聚合各级媒体发布疫情防控和复工复产信息数量达到15万条。"],
  ["output", "quantity", "网络生态治理示范基地数量", "5个", "4个", 15, 10, "由于预算压减问题，实际监理网络生态治理示范基地4个，未完成原计划5个的目标。"],
  ["outcome", "social", "舆情应急处置取得正面效应", "正面效应", "正面效应", 10, 10, "2020年努力做好舆情处置工作，全年未发生重大舆情，取得了正面效应。"],
  [
    "outcome", "social", "网络舆情分析为政府决策提供参考", "为政府决策提供有利参考", "2020年对各种舆情进行分析并出具分析报告和建议，为政府决策提供参考。", 10, 10,
    "2020年对各种舆情进行分析并出具分析报告和建议，为政府决策提供参考。",
  ],
];
for (const [indicatorClass, dimension, name, target, actual, weight, score, reason] of indicators) {
  events.push({ id: nextId("perf"), type: "performanceIndicatorEvaluated", year: YEAR, unit: OFFICE, project: ECOLOGY, indicatorClass, dimension, name, target, actual, weight, score, reason });
}

// Every event is checked by a ledger before it is written.
createLedger().append(events as unknown as LedgerEvent[]);
process.stdout.write(events.map((event) => JSON.stringify(event)).join("\n") + "\n");
