/**
 * From calibrated amounts to the events that hold them. The tables fix the
 * amounts by code, fund and category; the detail they do not print is filled
 * by fixed rules (see docs/import.md):
 *
 * - one unit, the department itself, registered as an administrative unit;
 * - fiscal receipts are recorded where they are printed (Table 2, Table 8),
 *   state-capital receipts where that fund spends;
 * - general-public-budget basic spending is split over economic codes by
 *   {@link transport} (Table 6 gives the economic totals, Table 5 the
 *   functional ones); project spending carries the 三公 codes Table 7 needs
 *   beyond Table 6, the rest `30299` (其他商品和服务支出); spending of the
 *   other funds carries `30299`, or `39999` (其他支出) for remittances and
 *   subsidies to subordinate units;
 * - non-fiscal spending on a code is paid from the non-fiscal receipts on
 *   that code, source by source in the order of Table 1; the rest, from the
 *   source with the largest receipts;
 * - opening balances first cover what a fund spends beyond its receipts on a
 *   code, in code order; surplus used likewise (with a reserve opened behind
 *   it); surplus is distributed from what is left, in code order;
 * - every line of general-public-budget spending has a full-year budget
 *   (年初预算) equal to it; a code Table 5 prints at zero had an initial
 *   budget moved away by adjustment; Table 7's budgets are appropriations on
 *   the 三公 economic codes.
 *
 * @module
 */
import { FUNDS, type Category, type Fund, type UnitKind } from "../catalog/dimensions.js";
import { reversalOf } from "../events/build.js";
import type { LedgerEvent, ReversibleEvent } from "../events/types.js";
import { RECEIPT_FAMILIES, THREE_PUBLIC_CODES, type CalibrationModel } from "./calibrationModel.js";
import { transport } from "./transport.js";

/** The economic code spending carries where the tables do not say, by category. */
export const DEFAULT_ECONOMIC: Readonly<Record<Category, string>> = {
  basic: "30299",
  project: "30299",
  remittedToSuperior: "39999",
  operating: "30299",
  subsidyToSubordinates: "39999",
};

/** The token amount of an initial budget moved away (fen): 0.01 万元. */
export const MOVED_BUDGET_FEN = 10_000;

const NON_FISCAL: readonly Fund[] = ["superiorSubsidy", "institutional", "operating", "fromSubordinates", "other"];

/** An amount booked on a variable, with the discrepancy that adjusts it. */
export interface Adjustment {
  /** Imported minus published, fen. */
  readonly deltaFen: number;
  /** Why, in words (after `import-adjustment: `). */
  readonly reason: string;
}

/** Options of {@link importEvents}. */
export interface ImportEventsOptions {
  /** The year of every event. */
  readonly year: number;
  /** The department's name (the unit's name). */
  readonly department: string;
  /** The unit's id. */
  readonly unit: string;
  /** The unit's kind. */
  readonly unitKind: UnitKind;
  /** Prefix of every event id. */
  readonly idPrefix: string;
  /** A 7-digit functional code to hold balances when the report prints none. */
  readonly fallbackFunctional: string;
  /** Adjustments to book, by variable. */
  readonly adjustments: ReadonlyMap<number, Adjustment>;
}

/** An event to be, before its id. */
interface Draft {
  amountFen: number;
  readonly make: (amountFen: number, id: string, memo: string | undefined) => LedgerEvent;
  readonly kind: string;
  memo?: string;
  adjustment?: boolean;
}

/**
 * The events of a calibrated report.
 *
 * @param model - the model
 * @param values - the calibrated amounts, by variable
 * @param options - year, unit, ids, adjustments
 * @returns the events, in append order
 */
export function importEvents(
  model: CalibrationModel,
  values: readonly number[],
  options: ImportEventsOptions,
): { readonly events: LedgerEvent[]; readonly adjustmentIds: ReadonlyMap<number, string> } {
  const { year, unit } = options;
  const val = (variable: number): number => (variable < 0 ? 0 : (values[variable] ?? 0));
  const at = (family: string, code: string): number => val(model.at(family, code));
  const leaves = model.codes.filter((code) => code.length === 7);
  const firstLeaf = leaves[0] ?? options.fallbackFunctional;
  const events: LedgerEvent[] = [];
  const reversals: { target: ReversibleEvent; reason: string; variable: number }[] = [];
  const adjustmentIds = new Map<number, string>();
  let sequence = 0;
  const nextId = (kind: string): string => `${options.idPrefix}-${kind}-${String(++sequence).padStart(5, "0")}`;
  const envelope = { schema: 1 as const, year, unit };

  /** Emits drafts realizing one variable, booking its adjustment on the largest. */
  const emit = (variable: number, drafts: Draft[], template?: Draft): void => {
    const adjustment = variable >= 0 ? options.adjustments.get(variable) : undefined;
    const live = drafts.filter((draft) => draft.amountFen !== 0);
    const pattern = live[0] ?? drafts[0] ?? template;
    if (adjustment !== undefined && pattern !== undefined) {
      // An amount the events hold at zero still books its adjustment (on a draft of its kind).
      if (live.length === 0) live.push({ ...pattern, amountFen: 0 });
      const largest = live.reduce((best, draft) => (draft.amountFen > best.amountFen ? draft : best));
      const memo = `import-adjustment: ${adjustment.reason}`;
      if (adjustment.deltaFen > 0 && largest.amountFen - adjustment.deltaFen > 0) {
        largest.amountFen -= adjustment.deltaFen;
        live.push({ ...largest, amountFen: adjustment.deltaFen, memo, adjustment: true });
      } else if (adjustment.deltaFen > 0) {
        largest.memo = memo;
        largest.adjustment = true;
      } else if (adjustment.deltaFen < 0) {
        // The published amount is larger: book the excess, then reverse it.
        const made = largest.make(-adjustment.deltaFen, nextId(largest.kind), `${memo} (the published excess, reversed below)`);
        events.push(made);
        reversals.push({ target: made as ReversibleEvent, reason: memo, variable });
      }
    }
    for (const draft of live) {
      if (draft.amountFen === 0) continue;
      const made = draft.make(draft.amountFen, nextId(draft.kind), draft.memo);
      if (draft.adjustment === true) adjustmentIds.set(variable, made.id);
      events.push(made);
    }
  };
  const memoOf = (memo: string | undefined): { memo?: string } => (memo === undefined ? {} : { memo });

  events.push({ ...envelope, id: `${options.idPrefix}-unit`, type: "unitRegistered", name: options.department || unit, kind: options.unitKind, parent: null });

  // ── Receipts ───────────────────────────────────────────────────────────────
  const receiptDrafts: [number, Draft][] = [];
  for (const code of leaves) {
    for (const family of RECEIPT_FAMILIES) {
      const fund = family.slice(2) as Fund;
      const variable = model.at(family, code);
      const amount = val(variable);
      if (amount === 0 && !options.adjustments.has(variable)) continue;
      receiptDrafts.push([
        variable,
        {
          amountFen: amount,
          kind: "rcpt",
          make: (amountFen, id, memo) => ({ ...envelope, id, type: "receiptRecorded", source: fund, functional: code, amountFen, ...memoOf(memo) }),
        },
      ]);
    }
  }

  // ── General-public-budget spending and its economic codes ──────────────────
  const spendDraft = (fund: Fund, code: string, economic: string, category: Category, amount: number, memo?: string): Draft => ({
    amountFen: amount,
    kind: "exp",
    ...(memo === undefined ? {} : { memo }),
    make: (amountFen, id, m) => ({ ...envelope, id, type: "expenditureRecorded", fund, functional: code, economic, category, amountFen, ...memoOf(m) }),
  });
  const spending: [number, Draft[], Draft?][] = [];
  const basicRows = leaves.map((code) => [code, at("E.gpb.basic", code)] as const).filter(([, amount]) => amount > 0);
  const basicTotal = basicRows.reduce((sum, [, amount]) => sum + amount, 0);
  let basicColumns: (readonly [string, number])[];
  if (model.present.has("T6")) {
    basicColumns = [...model.global.basicByEconomic].map(([code, variable]) => [code, val(variable)] as const).filter(([, amount]) => amount > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  } else {
    basicColumns = THREE_PUBLIC_CODES.map((code) => [code, val(model.global.threePublic.get(code)?.basic ?? -1)] as const).filter(([, amount]) => amount > 0);
    const rest = basicTotal - basicColumns.reduce((sum, [, amount]) => sum + amount, 0);
    if (rest > 0) basicColumns.push([DEFAULT_ECONOMIC.basic, rest]);
  }
  const basicCells = transport(basicRows, basicColumns);
  for (const code of leaves) {
    const variable = model.at("E.gpb.basic", code);
    spending.push([
      variable,
      basicCells.filter((cell) => cell.row === code).map((cell) => spendDraft("generalPublicBudget", code, cell.column, "basic", cell.amountFen)),
      spendDraft("generalPublicBudget", code, DEFAULT_ECONOMIC.basic, "basic", 0),
    ]);
  }
  const threePublicProject = THREE_PUBLIC_CODES.map((code) => [code, val(model.global.threePublic.get(code)?.project ?? -1)] as [string, number]);
  for (const code of leaves) {
    let left = at("E.gpb.project", code);
    const drafts: Draft[] = [];
    for (const entry of threePublicProject) {
      const take = Math.min(left, entry[1]);
      if (take <= 0) continue;
      drafts.push(spendDraft("generalPublicBudget", code, entry[0], "project", take));
      entry[1] -= take;
      left -= take;
    }
    if (left > 0) drafts.push(spendDraft("generalPublicBudget", code, DEFAULT_ECONOMIC.project, "project", left));
    spending.push([model.at("E.gpb.project", code), drafts, spendDraft("generalPublicBudget", code, DEFAULT_ECONOMIC.project, "project", 0)]);
  }

  // ── Government fund and state capital ──────────────────────────────────────
  for (const code of leaves) {
    for (const [family, fund, category] of [
      ["E.gf.basic", "governmentFund", "basic"],
      ["E.gf.project", "governmentFund", "project"],
      ["E.sc.basic", "stateCapital", "basic"],
      ["E.sc.project", "stateCapital", "project"],
    ] as const) {
      const variable = model.at(family, code);
      spending.push([variable, [spendDraft(fund, code, DEFAULT_ECONOMIC[category], category, val(variable))]]);
    }
  }

  // ── Non-fiscal spending, paid from the receipts on the same code ──────────
  const nonFiscalTotals = NON_FISCAL.map((fund) => [fund, at(`R.${fund}`, "")] as const);
  const defaultFund = nonFiscalTotals.reduce<readonly [Fund, number]>((best, entry) => (entry[1] > best[1] ? entry : best), ["institutional", 0])[0];
  interface Key {
    readonly fund: Fund;
    readonly code: string;
    balanceFen: number;
    opening: number;
    used: number;
    distributed: number;
  }
  const keys = new Map<string, Key>();
  const keyOf = (fund: Fund, code: string): Key => {
    const name = `${code}|${FUNDS.indexOf(fund)}`;
    let found = keys.get(name);
    if (found === undefined) {
      found = { fund, code, balanceFen: 0, opening: 0, used: 0, distributed: 0 };
      keys.set(name, found);
    }
    return found;
  };
  for (const code of leaves) {
    const available = new Map<Fund, number>();
    for (const fund of NON_FISCAL) {
      const amount = at(`R.${fund}`, code);
      available.set(fund, amount);
      if (amount > 0) keyOf(fund, code).balanceFen += amount;
    }
    for (const [family, category] of [
      ["E.nf.basic", "basic"],
      ["E.nf.project", "project"],
      ["E.nf.remittedToSuperior", "remittedToSuperior"],
      ["E.nf.operating", "operating"],
      ["E.nf.subsidyToSubordinates", "subsidyToSubordinates"],
    ] as const) {
      const variable = model.at(family, code);
      let left = val(variable);
      const drafts: Draft[] = [];
      const order: readonly Fund[] = category === "operating" ? ["operating", ...NON_FISCAL.filter((fund) => fund !== "operating")] : NON_FISCAL;
      for (const fund of order) {
        const take = Math.min(left, available.get(fund) ?? 0);
        if (take <= 0) continue;
        drafts.push(spendDraft(fund, code, DEFAULT_ECONOMIC[category], category, take));
        available.set(fund, (available.get(fund) ?? 0) - take);
        keyOf(fund, code).balanceFen -= take;
        left -= take;
      }
      if (left > 0) {
        drafts.push(spendDraft(defaultFund, code, DEFAULT_ECONOMIC[category], category, left));
        keyOf(defaultFund, code).balanceFen -= left;
      }
      spending.push([variable, drafts, spendDraft(defaultFund, code, DEFAULT_ECONOMIC[category], category, 0)]);
    }
  }

  // ── Balances ───────────────────────────────────────────────────────────────
  const openingDrafts: [number, Draft][] = [];
  const openingDraft = (fund: Fund, code: string, balance: "carried" | "reserve", amount: number, memo: string): Draft => ({
    amountFen: amount,
    kind: "open",
    memo,
    make: (amountFen, id, m) => ({ ...envelope, id, type: "balanceOpened", fund, functional: code, balance, amountFen, ...memoOf(m) }),
  });
  /** Spreads an opening over codes: first where the fund spends beyond its receipts, the rest on the first code. */
  const spread = (total: number, nets: readonly (readonly [string, number])[]): Map<string, number> => {
    const parts = new Map<string, number>();
    let left = total;
    for (const [code, net] of nets) {
      if (left <= 0) break;
      if (net >= 0) continue;
      const take = Math.min(left, -net);
      parts.set(code, take);
      left -= take;
    }
    if (left > 0) {
      const code = nets.find(([, net]) => net !== 0)?.[0] ?? nets[0]?.[0] ?? firstLeaf;
      parts.set(code, (parts.get(code) ?? 0) + left);
    }
    return parts;
  };
  const fiscalOpenings: readonly (readonly [Fund, number, string, string, boolean])[] = [
    ["generalPublicBudget", model.global.gpbOpening, "R.generalPublicBudget", "T5.1", false],
    ["governmentFund", model.at("B.gf.opening", ""), "R.governmentFund", "T8.3", model.balancesByCode.governmentFund],
    ["stateCapital", model.at("B.sc.opening", ""), "R.stateCapital", "T9.1", model.balancesByCode.stateCapital],
  ];
  for (const [fund, variable, receiptFamily, spendFamily, byCode] of fiscalOpenings) {
    const drafts: Draft[] = [];
    if (byCode) {
      for (const code of leaves) {
        const family = fund === "governmentFund" ? "B.gf.opening" : "B.sc.opening";
        const leafVariable = model.at(family, code);
        const amount = val(leafVariable);
        if (amount > 0) openingDrafts.push([leafVariable, openingDraft(fund, code, "carried", amount, "年初结转和结余 (imported)")]);
      }
      continue;
    }
    const total = val(variable);
    if (total <= 0) continue;
    const nets = leaves.map((code) => [code, at(receiptFamily, code) - at(spendFamily, code)] as const);
    for (const [code, amount] of spread(total, nets)) drafts.push(openingDraft(fund, code, "carried", amount, "年初结转和结余 (imported)"));
    openingDrafts.push(...drafts.map((draft) => [variable, draft] as [number, Draft]));
  }
  const ordered = (): Key[] => [...keys.values()].sort((a, b) => (a.code !== b.code ? (a.code < b.code ? -1 : 1) : FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund)));
  const nonFiscalOpening = val(model.global.nonFiscalOpening);
  const surplusUsed = val(model.global.surplusUsed);
  const surplusDistributed = val(model.global.surplusDistributed);
  if (keys.size === 0 && nonFiscalOpening + surplusUsed + surplusDistributed > 0) keyOf(defaultFund, firstLeaf);
  const cover = (total: number, take: (key: Key, amount: number) => void): void => {
    let left = total;
    const list = ordered();
    for (const key of list) {
      if (left <= 0) break;
      if (key.balanceFen >= 0) continue;
      const amount = Math.min(left, -key.balanceFen);
      take(key, amount);
      left -= amount;
    }
    const first = list[0];
    if (left > 0 && first !== undefined) take(first, left);
  };
  cover(nonFiscalOpening, (key, amount) => {
    key.opening += amount;
    key.balanceFen += amount;
  });
  cover(surplusUsed, (key, amount) => {
    key.used += amount;
    key.balanceFen += amount;
  });
  {
    let left = surplusDistributed;
    const list = ordered();
    for (const key of list) {
      if (left <= 0) break;
      if (key.balanceFen <= 0) continue;
      const amount = Math.min(left, key.balanceFen);
      key.distributed += amount;
      key.balanceFen -= amount;
      left -= amount;
    }
    const first = list[0];
    if (left > 0 && first !== undefined) {
      first.distributed += left;
      first.balanceFen -= left;
    }
  }
  const usedDrafts: Draft[] = [];
  const distributedDrafts: Draft[] = [];
  const nonFiscalOpenings: Draft[] = [];
  for (const key of ordered()) {
    if (key.opening > 0) nonFiscalOpenings.push(openingDraft(key.fund, key.code, "carried", key.opening, "年初结转和结余 (imported)"));
    if (key.used > 0) {
      openingDrafts.push([-1, openingDraft(key.fund, key.code, "reserve", key.used, "reserve behind 使用非财政拨款结余 (imported)")]);
      const fund = key.fund;
      const code = key.code;
      usedDrafts.push({
        amountFen: key.used,
        kind: "used",
        make: (amountFen, id, memo) => ({ ...envelope, id, type: "surplusUsed", fund, functional: code, amountFen, ...memoOf(memo) }),
      });
    }
    if (key.distributed > 0) {
      const fund = key.fund;
      const code = key.code;
      distributedDrafts.push({
        amountFen: key.distributed,
        kind: "dist",
        make: (amountFen, id, memo) => ({ ...envelope, id, type: "surplusDistributed", fund, functional: code, amountFen, ...memoOf(memo) }),
      });
    }
  }
  openingDrafts.push(...nonFiscalOpenings.map((draft) => [model.global.nonFiscalOpening, draft] as [number, Draft]));

  // ── Appropriations ─────────────────────────────────────────────────────────
  const appropriations: LedgerEvent[] = [];
  const appropriate = (code: string, category: Category, stage: "initial" | "adjustment", amountFen: number, memo: string, economic?: string): void => {
    appropriations.push({
      ...envelope,
      id: nextId("appr"),
      type: "appropriationMade",
      fund: "generalPublicBudget",
      functional: code,
      category,
      ...(economic === undefined ? {} : { economic }),
      stage,
      amountFen,
      memo,
    });
  };
  for (const code of leaves) {
    for (const category of ["basic", "project"] as const) {
      const amount = at(category === "basic" ? "E.gpb.basic" : "E.gpb.project", code);
      if (amount > 0) appropriate(code, category, "initial", amount, "full-year budget = spending (imported)");
    }
  }
  for (const [code] of model.generalBudgetRows) {
    if (at("E.gpb.basic", code) + at("E.gpb.project", code) !== 0) continue;
    appropriate(code, "basic", "initial", MOVED_BUDGET_FEN, "年初预算 of a code Table 5 prints at zero (imported)");
    appropriate(code, "basic", "adjustment", -MOVED_BUDGET_FEN, "moved away during the year (imported)");
  }
  const anchor = leaves.find((code) => model.generalBudgetRows.has(code) && at("E.gpb.basic", code) + at("E.gpb.project", code) > 0);
  const budgetAdjustments: [number, Draft][] = [];
  for (const code of THREE_PUBLIC_CODES) {
    const variable = model.global.threePublic.get(code)?.budget ?? -1;
    const amount = val(variable);
    if (amount === 0 && !options.adjustments.has(variable)) continue;
    const stage = amount > 0 && anchor !== undefined ? "initial" : "adjustment";
    const functional = anchor ?? firstLeaf;
    budgetAdjustments.push([
      variable,
      {
        amountFen: amount,
        kind: "appr",
        memo: "三公 budget (Table 7, imported)",
        make: (amountFen, id, memo) => ({
          ...envelope,
          id,
          type: "appropriationMade",
          fund: "generalPublicBudget",
          functional,
          category: "basic",
          economic: code,
          stage,
          amountFen,
          ...memoOf(memo),
        }),
      },
    ]);
  }

  // ── Non-tax revenue ────────────────────────────────────────────────────────
  const nonTaxDrafts: [number, Draft][] = [];
  for (const [line, variables] of model.global.nonTax) {
    for (const management of ["budget", "specialAccount"] as const) {
      const variable = variables[management];
      const amount = val(variable);
      if (amount <= 0 && !options.adjustments.has(variable)) continue;
      nonTaxDrafts.push([
        variable,
        {
          amountFen: amount,
          kind: "ntax",
          make: (amountFen, id, memo) => ({ ...envelope, id, type: "nonTaxRevenueCollected", line, management, amountFen, ...memoOf(memo) }),
        },
      ]);
    }
  }

  // ── The log, in order ──────────────────────────────────────────────────────
  const byVariable = (pairs: readonly [number, Draft][]): Map<number, Draft[]> => {
    const map = new Map<number, Draft[]>();
    for (const [variable, draft] of pairs) {
      const list = map.get(variable) ?? [];
      list.push(draft);
      map.set(variable, list);
    }
    return map;
  };
  for (const [variable, drafts] of byVariable(openingDrafts)) emit(variable, drafts);
  events.push(...appropriations);
  for (const [variable, drafts] of byVariable(budgetAdjustments)) emit(variable, drafts);
  for (const [variable, drafts] of byVariable(receiptDrafts)) emit(variable, drafts);
  for (const [variable, drafts, template] of spending) emit(variable, drafts, template);
  emit(model.global.surplusUsed, usedDrafts);
  emit(model.global.surplusDistributed, distributedDrafts);
  for (const [variable, drafts] of byVariable(nonTaxDrafts)) emit(variable, drafts);
  for (const { target, reason, variable } of reversals) {
    const reversal = reversalOf(target, { id: nextId("rev"), reason });
    adjustmentIds.set(variable, reversal.id);
    events.push(reversal);
  }
  return { events, adjustmentIds };
}
