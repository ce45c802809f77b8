/**
 * Calibration: amounts in fen for every unknown of the model such that every
 * printed cell, rounded on its own, prints as the report prints it — or the
 * identities the printed figures break.
 *
 * The amounts come from the {@link IntervalSolver}: each cell narrows its
 * unknown to the amounts that print as it, the identities narrow them
 * further, and the unknowns are then fixed block by block from the totals
 * down to the leaves (the department, its classes, the 款 of a class, the 项
 * of a 款), each at its printed value where the others allow and in the
 * middle of what they leave where they do not (that is where the rounding
 * tails go); a block that leaves an unknown no amount is tried again in
 * another order, then its parent block.
 *
 * A report no event log can reproduce breaks an identity beyond rounding.
 * Each broken identity is named with its cells and the amount. When asked to
 * import anyway, the fewest cells that explain every broken identity are set
 * aside (the cell that appears in most broken identities first, repeatedly)
 * and the rest is calibrated as usual; each set-aside cell is a discrepancy.
 *
 * @module
 */
import { fenToWan } from "../money/decimal.js";
import { cellsOfIdentity, describeVariable, type Binding, type CalibrationModel } from "./calibrationModel.js";
import type { CalibrationIssue, IdentityIssue } from "./importIssues.js";
import { IntervalSolver, linearSystem, type LinearSystem, type PropagationFailure } from "./intervalSolver.js";
import { describeAddress, windowOf, type PrintedCell } from "./publishedReport.js";

/** A broken identity, or cells that print one unknown in ways no amount satisfies. */
interface Failure {
  /** The identity's index, or −1 for a conflict on one variable. */
  readonly identity: number;
  /** The variable of a conflict, or −1. */
  readonly variable: number;
  /** By how much the closest amounts miss, fen. */
  readonly gapFen: number;
  /** Found by propagation over several identities rather than by the identity alone. */
  readonly global: boolean;
}

/** A cell set aside to import an inconsistent report. */
export interface SetAside {
  /** The printed cell. */
  readonly cell: PrintedCell;
  /** The unknown it prints. */
  readonly variable: number;
  /** The identities it broke, in words. */
  readonly identities: readonly string[];
}

/** What calibration found. */
export type Calibration =
  | { readonly ok: true; readonly values: readonly number[]; readonly setAside: readonly SetAside[]; readonly attempts: number }
  | { readonly ok: false; readonly issues: readonly (IdentityIssue | CalibrationIssue)[] };

/** Most cells set aside before an import gives up on a report. */
const SET_ASIDE_MAX = 200;
/** Most searches tried before calibration gives up (each with its own seed). */
const ATTEMPTS_MAX = 4;
/** Tries of a block before the search goes back to its parent. */
const TRIES_PER_BLOCK = 6;
/** Values tried per unknown, on average, before a search gives up. */
const FIXES_PER_VARIABLE = 40;
/** Most broken identities listed. */
const LISTED_MAX = 100;

/** The identities of each model as a linear system, built once. */
const systems = new WeakMap<CalibrationModel, LinearSystem>();

function systemOf(model: CalibrationModel): LinearSystem {
  let system = systems.get(model);
  if (system === undefined) {
    system = linearSystem(
      model.variables.length,
      model.identities.map((identity) => ({
        variables: [...identity.left, ...identity.right],
        coefficients: [...identity.left.map(() => 1), ...identity.right.map(() => -1)],
      })),
    );
    systems.set(model, system);
  }
  return system;
}

function buildSolver(model: CalibrationModel, setAside: ReadonlySet<Binding>): { solver: IntervalSolver; conflicts: Failure[] } {
  const conflicts: Failure[] = [];
  const los = new Float64Array(model.variables.length);
  const his = new Float64Array(model.variables.length);
  model.variables.forEach((variable, index) => {
    let lo = variable.lo;
    let hi = variable.hi;
    for (const binding of variable.bindings) {
      if (setAside.has(binding)) continue;
      const window = windowOf(binding.cell);
      if (window.lo > lo) lo = window.lo;
      if (window.hi < hi) hi = window.hi;
    }
    if (lo > hi) {
      conflicts.push({ identity: -1, variable: index, gapFen: lo - hi, global: false });
      // Keep the solver consistent; the conflict is reported, not solved.
      hi = lo;
    }
    los[index] = lo;
    his[index] = hi;
  });
  return { solver: IntervalSolver.of(systemOf(model), los, his), conflicts };
}

function failuresOf(model: CalibrationModel, setAside: ReadonlySet<Binding>): { solver: IntervalSolver; failures: Failure[] } {
  const { solver, conflicts } = buildSolver(model, setAside);
  const failures = [...conflicts];
  for (let identity = 0; identity < model.identities.length; identity++) {
    const gapFen = solver.gapOf(identity);
    if (gapFen > 0) failures.push({ identity, variable: -1, gapFen, global: false });
  }
  if (failures.length === 0) {
    const failure = solver.propagate();
    if (failure !== null) failures.push(fromPropagation(failure));
  }
  return { solver, failures };
}

function fromPropagation(failure: PropagationFailure): Failure {
  return { identity: failure.identity, variable: -1, gapFen: failure.gapFen, global: true };
}

/** The variables a failure concerns. */
function variablesOf(model: CalibrationModel, failure: Failure): number[] {
  if (failure.identity < 0) return [failure.variable];
  const identity = model.identities[failure.identity];
  return identity === undefined ? [] : [...identity.left, ...identity.right];
}

function formatCell(cell: PrintedCell): string {
  return `${cell.address.table} ${cell.address.row} column ${cell.address.column} (${cell.blank ? "blank" : cell.text})`;
}

function issueOf(model: CalibrationModel, failure: Failure): IdentityIssue {
  const amount = `${fenToWan(failure.gapFen)} 万元 (${failure.gapFen} fen)`;
  if (failure.identity < 0) {
    const variable = model.variables[failure.variable];
    const cells = (variable?.bindings ?? []).map((binding) => binding.cell);
    const printed = (variable?.bindings ?? []).filter((binding) => !binding.implicit).map((binding) => formatCell(binding.cell));
    const what = variable?.name ?? "an amount";
    if (variable !== undefined && variable.lo === 0 && variable.hi === 0) {
      const message = `${printed.join(" and ")} print${printed.length === 1 ? "s" : ""} an amount where the report prints no code that could hold it (it can only be zero): off by ${amount}`;
      return { code: "identity_fails", message, rule: "no-code", identity: "an amount needs a code that holds it", cells: cells.map((cell) => cell.address), gapFen: failure.gapFen };
    }
    const message =
      printed.length > 1 || cells.length > printed.length
        ? `${printed.join(" and ")}${cells.length > printed.length ? ` and ${cells.find((cell) => cell.fen === 0 && cell.halfStepFen === 1)?.source ?? "an unprinted row"}` : ""} print the same amount (${what}) differently: they differ by ${amount} beyond rounding`
        : `${printed.join("")} prints ${what} below zero, which it cannot be: off by ${amount}`;
    return { code: "identity_fails", message, rule: "same-amount", identity: `every cell printing ${what} prints the same amount`, cells: cells.map((cell) => cell.address), gapFen: failure.gapFen };
  }
  const identity = model.identities[failure.identity];
  if (identity === undefined) {
    return { code: "identity_fails", message: `the printed amounts cannot be reconciled (off by ${amount})`, rule: "unknown", identity: "", cells: [], gapFen: failure.gapFen };
  }
  const terms = (list: readonly number[]): string =>
    list.length === 0
      ? "nothing (the report prints no code under it)"
      : list.map((variable) => describeVariable(model, variable)).slice(0, 12).join(" + ") + (list.length > 12 ? ` + … (${list.length} terms)` : "");
  const cells = cellsOfIdentity(model, identity);
  // When every term is printed, the printed sides and their difference say it plainly.
  const printedSum = (list: readonly number[]): number | null => {
    let sum = 0;
    for (const variable of list) {
      const binding = model.variables[variable]?.bindings[0];
      if (binding === undefined) return null;
      sum += binding.cell.fen;
    }
    return sum;
  };
  const left = printedSum(identity.left);
  const right = printedSum(identity.right);
  const printed = left !== null && right !== null && left !== right ? `the two sides print ${fenToWan(left)} and ${fenToWan(right)}, ${fenToWan(Math.abs(left - right))} apart; ` : "";
  const how = failure.global ? "together with the identities it shares amounts with, the amounts the cells allow miss it" : "the amounts the cells allow miss it";
  // A classification identity is named by the cell its total prints in, when it prints in one.
  const total = model.variables[identity.left[0] ?? -1]?.bindings.find((binding) => !binding.implicit);
  const description =
    total !== undefined && /= Σ its (类|款|项)$/.test(identity.description)
      ? `${describeAddress(total.cell.address)} = Σ its ${identity.description.slice(-1)}`
      : identity.description;
  const message = `${description} fails: ${terms(identity.left)} = ${terms(identity.right)}; ${printed}${how} by ${amount} beyond rounding`;
  return { code: "identity_fails", message, rule: identity.rule, identity: description, cells: cells.map((cell) => cell.address), gapFen: failure.gapFen };
}

/** Chooses the printed cell that appears in most failures (then: bookable, deepest, largest). */
function mostSuspect(model: CalibrationModel, failures: readonly Failure[], setAside: ReadonlySet<Binding>): { binding: Binding; variable: number } | null {
  const count = new Map<Binding, { variable: number; failures: number }>();
  for (const failure of failures) {
    for (const variable of new Set(variablesOf(model, failure))) {
      for (const binding of model.variables[variable]?.bindings ?? []) {
        if (binding.implicit || setAside.has(binding)) continue;
        const found = count.get(binding) ?? { variable, failures: 0 };
        found.failures += 1;
        count.set(binding, found);
      }
    }
  }
  let best: { binding: Binding; variable: number; failures: number } | null = null;
  for (const [binding, { variable, failures: n }] of count) {
    if (best === null) {
      best = { binding, variable, failures: n };
      continue;
    }
    const better =
      n !== best.failures ? n > best.failures
      : (model.variables[variable]?.bookable ?? false) !== (model.variables[best.variable]?.bookable ?? false) ? (model.variables[variable]?.bookable ?? false)
      : binding.order[0] !== best.binding.order[0] ? binding.order[0] > best.binding.order[0]
      : Math.abs(binding.cell.fen) !== Math.abs(best.binding.cell.fen) ? Math.abs(binding.cell.fen) > Math.abs(best.binding.cell.fen)
      : binding.order[3] < best.binding.order[3];
    if (better) best = { binding, variable, failures: n };
  }
  return best === null ? null : { binding: best.binding, variable: best.variable };
}

/**
 * Fixes every unknown, block by block along the classification: first the
 * department's totals and the tables not by functional code, then the
 * classes, then the 款 of each class, then the 项 of each 款 (see
 * {@link IntervalSolver.solveBlocks}). Within a block, unknowns go code by
 * code, printed cells before hidden amounts, row totals before their parts.
 * Each is fixed at the amount it is tied to when that fits, else at its
 * printed amount when that fits, else in the middle of what is left.
 */
function solveWith(model: CalibrationModel, solver: IntervalSolver, setAside: ReadonlySet<Binding>, attempt: number): ReturnType<IntervalSolver["solveBlocks"]> {
  const first = (variable: number): Binding | null => {
    let best: Binding | null = null;
    for (const binding of model.variables[variable]?.bindings ?? []) {
      if (binding.implicit || setAside.has(binding)) continue;
      if (best === null || compareBindings(binding, best) < 0) best = binding;
    }
    return best;
  };
  const parentOf = (code: string): string => (code.length <= 3 ? "" : code.slice(0, code.length - 2));
  const blockOf = new Map<string, number>();
  const blocks: { variables: number[]; parent: number }[] = [{ variables: [], parent: -1 }];
  for (const code of ["", ...model.codes]) {
    if ((model.children.get(code) ?? []).length === 0) continue;
    blockOf.set(code, blocks.length);
    blocks.push({ variables: [], parent: code === "" ? 0 : (blockOf.get(parentOf(code)) ?? 0) });
  }
  const keyed: { variable: number; block: number; code: string; binding: Binding | null }[] = [];
  model.variables.forEach((variable, index) => {
    const block = variable.code === "" ? 0 : (blockOf.get(parentOf(variable.code)) ?? 0);
    keyed.push({ variable: index, block, code: variable.code, binding: first(index) });
  });
  keyed.sort(
    (a, b) =>
      a.block - b.block ||
      (a.binding === null ? 1 : 0) - (b.binding === null ? 1 : 0) ||
      (a.binding !== null && b.binding !== null ? compareBindings(a.binding, b.binding) : 0) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      a.variable - b.variable,
  );
  for (const entry of keyed) blocks[entry.block]?.variables.push(entry.variable);
  const printedValue = (variable: number): number | null => {
    for (const binding of model.variables[variable]?.bindings ?? []) if (!binding.implicit && !setAside.has(binding)) return binding.cell.fen;
    return null;
  };
  const target = (variable: number): number => {
    const { lo, hi } = solver.bounds(variable);
    const tie = model.variables[variable]?.tie ?? -1;
    if (tie >= 0) {
      const bounds = solver.bounds(tie);
      if (bounds.lo === bounds.hi && bounds.lo >= lo && bounds.lo <= hi) return bounds.lo;
    }
    const printed = printedValue(variable) ?? 0;
    if ((printed >= lo && printed <= hi) || lo === -Infinity || hi === Infinity) return Math.min(hi, Math.max(lo, printed));
    return Math.round((lo + hi) / 2);
  };
  return solver.solveBlocks({
    blocks,
    triesPerBlock: TRIES_PER_BLOCK,
    fixesMax: FIXES_PER_VARIABLE * model.variables.length + 100_000,
    seed: attempt * 2654435761 + 1,
    candidates: (variable) => {
      const { lo, hi } = solver.bounds(variable);
      const values = [target(variable)];
      if (Number.isFinite(lo) && Number.isFinite(hi)) values.push(Math.round((lo + hi) / 2), lo, hi);
      else if (Number.isFinite(lo)) values.push(lo);
      else if (Number.isFinite(hi)) values.push(hi);
      return [...new Set(values)];
    },
  });
}

function compareBindings(a: Binding, b: Binding): number {
  const [da, ca, ta, pa] = a.order;
  const [db, cb, tb, pb] = b.order;
  return da - db || ta - tb || ca - cb || pa - pb;
}

/**
 * Calibrates a model.
 *
 * @param model - the model of a report
 * @param allowInconsistent - set cells aside instead of failing on an inconsistent report
 * @returns the amounts (and the cells set aside), or the broken identities
 */
export function calibrate(model: CalibrationModel, allowInconsistent: boolean): Calibration {
  const setAside = new Set<Binding>();
  const reasons = new Map<Binding, { variable: number; identities: string[] }>();
  for (let round = 0; ; round++) {
    const { solver, failures } = failuresOf(model, setAside);
    if (failures.length > 0) {
      if (!allowInconsistent || round >= SET_ASIDE_MAX) {
        const issues = failures.slice(0, LISTED_MAX).map((failure) => issueOf(model, failure));
        return { ok: false, issues };
      }
      const suspect = mostSuspect(model, failures, setAside);
      if (suspect === null) return { ok: false, issues: failures.slice(0, LISTED_MAX).map((failure) => issueOf(model, failure)) };
      setAside.add(suspect.binding);
      const broken = failures
        .filter((failure) => variablesOf(model, failure).includes(suspect.variable))
        .map((failure) => issueOf(model, failure).identity);
      reasons.set(suspect.binding, { variable: suspect.variable, identities: broken });
      continue;
    }
    const start = solver.mark();
    let solved = solveWith(model, solver, setAside, 0);
    let attempt = 1;
    for (; attempt < ATTEMPTS_MAX && !solved.ok; attempt++) {
      solver.restore(start);
      solved = solveWith(model, solver, setAside, attempt);
    }
    if (solved.ok) {
      const list: SetAside[] = [...reasons].map(([binding, reason]) => ({ cell: binding.cell, variable: reason.variable, identities: reason.identities }));
      return { ok: true, values: solved.values, setAside: list, attempts: attempt };
    }
    const trouble = solved;
    const failure = fromPropagation(trouble.failure);
    if (!allowInconsistent || round >= SET_ASIDE_MAX) {
      // No identity fails on its own, yet the search found no amounts: say where it stopped.
      const issue = issueOf(model, failure);
      return {
        ok: false,
        issues: [
          {
            code: "calibration_failed",
            message: `no amounts were found that print every cell, though no identity fails on its own; the search stopped at ${describeVariable(model, trouble.variable)}, on: ${issue.message}`,
            cells: issue.cells,
          },
        ],
      };
    }
    const suspect = mostSuspect(model, [failure, { identity: -1, variable: trouble.variable, gapFen: 0, global: true }], setAside);
    if (suspect === null) return { ok: false, issues: [issueOf(model, failure)] };
    setAside.add(suspect.binding);
    reasons.set(suspect.binding, { variable: suspect.variable, identities: [issueOf(model, failure).identity] });
  }
}
