/**
 * An exact solver for integer amounts of fen that must each lie in an
 * interval and are tied together by identities `Σ ±xᵢ = 0`.
 *
 * It is what calibration runs on: every published cell is an interval (the
 * amounts that round to what the report prints), every rule of the accounts
 * an identity (a parent is the sum of its children, a total the sum of its
 * columns, Table 1 the sum of Table 2's sources …). The solver narrows the
 * intervals by bounds propagation until nothing changes, then fixes the
 * amounts one at a time, each as close to its preferred value as the
 * narrowed interval allows, propagating after every choice and undoing a
 * choice that empties an interval (a trail of changed bounds makes undoing
 * cheap). Arithmetic is on integers only; unbounded intervals use ±Infinity.
 *
 * Every loop is bounded: propagation stops with a failure after a fixed
 * budget of work, so a pathological system cannot run forever.
 *
 * @module
 */
import { createRandom } from "../generate/random.js";

/** Why propagation stopped: the identity whose terms cannot sum to zero, and by how much they miss. */
export interface PropagationFailure {
  /** Index of the identity. */
  readonly identity: number;
  /** Fen by which the closest possible sum misses zero (positive). */
  readonly gapFen: number;
}

/** Options of {@link IntervalSolver.solve}. */
export interface SolveOptions {
  /** The variables to fix, in order; any variable left out is fixed after them, in index order. */
  readonly order: readonly number[];
  /** The value a variable should take when its interval allows (called when the variable is fixed). */
  readonly target: (variable: number) => number;
}

/** Most term visits a solver spends on propagation, in all (a bound on time). */
const WORK_MAX = 400_000_000;
/** Term visits one fixed value may cost beyond two sweeps of every identity. */
const FIX_WORK_BASE = 20_000;

/**
 * Identities Σ coefficientᵢ·xᵢ = 0 over a number of variables, in flat arrays
 * (built once, shared by every solver of the same system).
 */
export interface LinearSystem {
  /** Number of variables. */
  readonly variables: number;
  /** Where each identity's terms start in `termVariable` (one more entry than identities). */
  readonly identityStart: Int32Array;
  /** The variable of each term. */
  readonly termVariable: Int32Array;
  /** The coefficient of each term: +1 or −1. */
  readonly termCoefficient: Int8Array;
  /** Where each variable's identities start in `variableIdentities` (one more entry than variables). */
  readonly variableStart: Int32Array;
  /** The identities of each variable, each once. */
  readonly variableIdentities: Int32Array;
}

/**
 * A linear system from lists of identities.
 *
 * @param variables - number of variables
 * @param identities - each identity's variables and coefficients (+1 or −1)
 * @returns the system
 */
export function linearSystem(variables: number, identities: readonly { readonly variables: readonly number[]; readonly coefficients: readonly number[] }[]): LinearSystem {
  let terms = 0;
  for (const identity of identities) {
    if (identity.variables.length !== identity.coefficients.length) throw new Error("linearSystem: one coefficient per variable");
    terms += identity.variables.length;
  }
  const identityStart = new Int32Array(identities.length + 1);
  const termVariable = new Int32Array(terms);
  const termCoefficient = new Int8Array(terms);
  const counts = new Int32Array(variables + 1);
  let t = 0;
  identities.forEach((identity, index) => {
    identityStart[index] = t;
    let previous = -1;
    for (let i = 0; i < identity.variables.length; i++) {
      const variable = identity.variables[i] as number;
      const coefficient = identity.coefficients[i] as number;
      if (!(variable >= 0 && variable < variables)) throw new Error(`linearSystem: no variable ${variable}`);
      if (coefficient !== 1 && coefficient !== -1) throw new Error("linearSystem: coefficients are +1 or -1");
      termVariable[t] = variable;
      termCoefficient[t] = coefficient;
      t++;
      if (variable !== previous) counts[variable] = (counts[variable] as number) + 1;
      previous = variable;
    }
  });
  identityStart[identities.length] = t;
  const variableStart = new Int32Array(variables + 1);
  for (let v = 0; v < variables; v++) variableStart[v + 1] = (variableStart[v] as number) + (counts[v] as number);
  const variableIdentities = new Int32Array(variableStart[variables] as number);
  const filled = new Int32Array(variables);
  for (let identity = 0; identity < identities.length; identity++) {
    const end = identityStart[identity + 1] as number;
    for (let k = identityStart[identity] as number; k < end; k++) {
      const v = termVariable[k] as number;
      const at = (variableStart[v] as number) + (filled[v] as number);
      // A variable twice in one identity is listed once.
      if ((filled[v] as number) > 0 && variableIdentities[at - 1] === identity) continue;
      variableIdentities[at] = identity;
      filled[v] = (filled[v] as number) + 1;
    }
  }
  return { variables, identityStart, termVariable, termCoefficient, variableStart, variableIdentities };
}

/**
 * Integer variables in intervals, tied by identities Σ coefᵢ·xᵢ = 0 with
 * coefficients ±1. Build one from a {@link LinearSystem} and its intervals
 * ({@link IntervalSolver.of}), or add variables and identities one by one,
 * then call {@link IntervalSolver.propagate} and one of the solving methods.
 */
export class IntervalSolver {
  private lo: Float64Array = new Float64Array(0);
  private hi: Float64Array = new Float64Array(0);
  private system: LinearSystem | null = null;
  private readonly pendingLo: number[] = [];
  private readonly pendingHi: number[] = [];
  private readonly pendingIdentities: { variables: number[]; coefficients: number[] }[] = [];
  private trailVariable: Int32Array = new Int32Array(1024);
  private trailLo: Float64Array = new Float64Array(1024);
  private trailHi: Float64Array = new Float64Array(1024);
  private trailLength = 0;
  private queue: Int32Array = new Int32Array(16);
  private queued: Uint8Array = new Uint8Array(0);
  private work = 0;
  /** Work at which the running propagation gives up. */
  private workLimit = WORK_MAX;

  /**
   * A solver of a built system with the given intervals (copied).
   *
   * @param system - the identities
   * @param lo - each variable's least value (an integer, or -Infinity)
   * @param hi - each variable's greatest value (an integer, or Infinity)
   * @returns the solver, ready to propagate
   */
  static of(system: LinearSystem, lo: Float64Array, hi: Float64Array): IntervalSolver {
    const solver = new IntervalSolver();
    solver.install(system, Float64Array.from(lo), Float64Array.from(hi));
    return solver;
  }

  private install(system: LinearSystem, lo: Float64Array, hi: Float64Array): void {
    this.system = system;
    this.lo = lo;
    this.hi = hi;
    const identities = system.identityStart.length - 1;
    this.queue = new Int32Array(Math.max(16, identities + 1));
    this.queued = new Uint8Array(identities);
  }

  /** Number of variables. */
  get variables(): number {
    return this.system?.variables ?? this.pendingLo.length;
  }

  /** Number of identities. */
  get identities(): number {
    return this.system === null ? this.pendingIdentities.length : this.system.identityStart.length - 1;
  }

  /**
   * Adds a variable (before solving).
   *
   * @param lo - least value (an integer, or -Infinity)
   * @param hi - greatest value (an integer, or Infinity)
   * @returns its index
   */
  addVariable(lo: number, hi: number): number {
    if (this.system !== null) throw new Error("IntervalSolver: variables are added before solving");
    this.pendingLo.push(lo);
    this.pendingHi.push(hi);
    return this.pendingLo.length - 1;
  }

  /**
   * Adds an identity Σ coefficientᵢ·variableᵢ = 0 (before solving).
   *
   * @param variables - the variables
   * @param coefficients - +1 or -1 for each
   * @returns its index
   */
  addIdentity(variables: readonly number[], coefficients: readonly number[]): number {
    if (this.system !== null) throw new Error("IntervalSolver: identities are added before solving");
    this.pendingIdentities.push({ variables: [...variables], coefficients: [...coefficients] });
    return this.pendingIdentities.length - 1;
  }

  private seal(): LinearSystem {
    if (this.system !== null) return this.system;
    const system = linearSystem(this.pendingLo.length, this.pendingIdentities);
    this.install(system, Float64Array.from(this.pendingLo), Float64Array.from(this.pendingHi));
    return system;
  }

  /** The current interval of a variable. */
  bounds(variable: number): { readonly lo: number; readonly hi: number } {
    this.seal();
    return { lo: this.lo[variable] as number, hi: this.hi[variable] as number };
  }

  /**
   * Checks one identity against the current intervals alone, without
   * narrowing anything.
   *
   * @param identity - its index
   * @returns the gap in fen when its terms cannot sum to zero, else 0
   */
  gapOf(identity: number): number {
    const system = this.seal();
    const end = system.identityStart[identity + 1] as number;
    let loSum = 0;
    let hiSum = 0;
    let loInfinite = false;
    let hiInfinite = false;
    for (let t = system.identityStart[identity] as number; t < end; t++) {
      const v = system.termVariable[t] as number;
      const positive = (system.termCoefficient[t] as number) > 0;
      const cLo = positive ? (this.lo[v] as number) : -(this.hi[v] as number);
      const cHi = positive ? (this.hi[v] as number) : -(this.lo[v] as number);
      if (cLo === -Infinity) loInfinite = true;
      else loSum += cLo;
      if (cHi === Infinity) hiInfinite = true;
      else hiSum += cHi;
    }
    if (!loInfinite && loSum > 0) return loSum;
    if (!hiInfinite && hiSum < 0) return -hiSum;
    return 0;
  }

  private setBounds(variable: number, lo: number, hi: number): void {
    if (this.trailLength === this.trailVariable.length) {
      const size = this.trailVariable.length * 2;
      const variables = new Int32Array(size);
      variables.set(this.trailVariable);
      const los = new Float64Array(size);
      los.set(this.trailLo);
      const his = new Float64Array(size);
      his.set(this.trailHi);
      this.trailVariable = variables;
      this.trailLo = los;
      this.trailHi = his;
    }
    const at = this.trailLength++;
    this.trailVariable[at] = variable;
    this.trailLo[at] = this.lo[variable] as number;
    this.trailHi[at] = this.hi[variable] as number;
    this.lo[variable] = lo;
    this.hi[variable] = hi;
  }

  /**
   * A mark of the current intervals, to come back to with {@link IntervalSolver.restore}.
   *
   * @returns the mark
   */
  mark(): number {
    return this.trailLength;
  }

  /**
   * Brings every interval back to what it was at a mark.
   *
   * @param mark - from {@link IntervalSolver.mark}
   */
  restore(mark: number): void {
    this.undo(mark);
  }

  private undo(mark: number): void {
    while (this.trailLength > mark) {
      const at = --this.trailLength;
      const v = this.trailVariable[at] as number;
      this.lo[v] = this.trailLo[at] as number;
      this.hi[v] = this.trailHi[at] as number;
    }
  }

  /**
   * Narrows every interval until no identity narrows any further.
   *
   * @returns null when every interval is still non-empty, else the failure
   */
  propagate(): PropagationFailure | null {
    const system = this.seal();
    for (let v = 0; v < system.variables; v++) {
      if ((this.lo[v] as number) > (this.hi[v] as number)) {
        const first = (system.variableStart[v] as number) < (system.variableStart[v + 1] as number) ? (system.variableIdentities[system.variableStart[v] as number] as number) : -1;
        return { identity: first, gapFen: (this.lo[v] as number) - (this.hi[v] as number) };
      }
    }
    let head = 0;
    let size = 0;
    const capacity = this.queue.length;
    for (let identity = 0; identity < this.identities; identity++) {
      this.queued[identity] = 1;
      this.queue[(head + size++) % capacity] = identity;
    }
    return this.drain(head, size);
  }

  /** Runs the worklist from the identities of one variable. */
  private runFrom(variable: number): PropagationFailure | null {
    const system = this.system as LinearSystem;
    const end = system.variableStart[variable + 1] as number;
    let size = 0;
    for (let k = system.variableStart[variable] as number; k < end; k++) {
      const identity = system.variableIdentities[k] as number;
      if (this.queued[identity] === 1) continue;
      this.queued[identity] = 1;
      this.queue[size++] = identity;
    }
    return this.drain(0, size);
  }

  /** Processes the queue until it is empty or an interval empties. */
  private drain(startHead: number, startSize: number): PropagationFailure | null {
    const system = this.system as LinearSystem;
    const capacity = this.queue.length;
    let head = startHead;
    let size = startSize;
    let failure: PropagationFailure | null = null;
    while (size > 0) {
      const identity = this.queue[head] as number;
      head = (head + 1) % capacity;
      size--;
      this.queued[identity] = 0;
      // Narrow the terms of the identity; push the identities of each narrowed variable.
      const start = system.identityStart[identity] as number;
      const end = system.identityStart[identity + 1] as number;
      this.work += end - start;
      if (this.work > this.workLimit) {
        failure = { identity, gapFen: 0 };
        break;
      }
      let loSum = 0;
      let hiSum = 0;
      let loInfinite = 0;
      let hiInfinite = 0;
      let widthMax = 0;
      for (let t = start; t < end; t++) {
        const v = system.termVariable[t] as number;
        const lo = this.lo[v] as number;
        const hi = this.hi[v] as number;
        if ((system.termCoefficient[t] as number) > 0) {
          if (lo === -Infinity) loInfinite++;
          else loSum += lo;
          if (hi === Infinity) hiInfinite++;
          else hiSum += hi;
        } else {
          if (hi === Infinity) loInfinite++;
          else loSum -= hi;
          if (lo === -Infinity) hiInfinite++;
          else hiSum -= lo;
        }
        const width = hi - lo;
        if (width > widthMax) widthMax = width;
      }
      if (loInfinite === 0 && loSum > 0) {
        failure = { identity, gapFen: loSum };
        break;
      }
      if (hiInfinite === 0 && hiSum < 0) {
        failure = { identity, gapFen: -hiSum };
        break;
      }
      // Without unbounded terms, a term narrows only when it is wider than the room the others leave.
      if (loInfinite === 0 && hiInfinite === 0 && widthMax <= -loSum && widthMax <= hiSum) continue;
      for (let t = start; t < end; t++) {
        const v = system.termVariable[t] as number;
        const positive = (system.termCoefficient[t] as number) > 0;
        const lo = this.lo[v] as number;
        const hi = this.hi[v] as number;
        const cLo = positive ? lo : -hi;
        const cHi = positive ? hi : -lo;
        const restLo = cLo === -Infinity ? (loInfinite > 1 ? -Infinity : loSum) : loInfinite > 0 ? -Infinity : loSum - cLo;
        const restHi = cHi === Infinity ? (hiInfinite > 1 ? Infinity : hiSum) : hiInfinite > 0 ? Infinity : hiSum - cHi;
        // coefficient·x lies in [-restHi, -restLo].
        let newLo = positive ? -restHi : restLo;
        let newHi = positive ? -restLo : restHi;
        if (newLo < lo) newLo = lo;
        if (newHi > hi) newHi = hi;
        if (newLo === lo && newHi === hi) continue;
        if (newLo > newHi) {
          failure = { identity, gapFen: newLo - newHi };
          break;
        }
        this.setBounds(v, newLo, newHi);
        const listEnd = system.variableStart[v + 1] as number;
        for (let k = system.variableStart[v] as number; k < listEnd; k++) {
          const next = system.variableIdentities[k] as number;
          if (this.queued[next] === 1) continue;
          this.queued[next] = 1;
          this.queue[(head + size) % capacity] = next;
          size++;
        }
      }
      if (failure !== null) break;
    }
    while (size > 0) {
      this.queued[this.queue[head] as number] = 0;
      head = (head + 1) % capacity;
      size--;
    }
    return failure;
  }

  /**
   * Fixes a variable to a value and propagates; undoes everything when an
   * interval empties.
   *
   * @param variable - the variable
   * @param value - an integer within its interval
   * @returns null on success, else the failure (and nothing changed)
   */
  fix(variable: number, value: number): PropagationFailure | null {
    const system = this.seal();
    const lo = this.lo[variable] as number;
    const hi = this.hi[variable] as number;
    if (value < lo || value > hi) {
      const first = (system.variableStart[variable] as number) < (system.variableStart[variable + 1] as number) ? (system.variableIdentities[system.variableStart[variable] as number] as number) : -1;
      return { identity: first, gapFen: value < lo ? lo - value : value - hi };
    }
    const mark = this.trailLength;
    this.setBounds(variable, value, value);
    // A propagation that creeps (narrowing a cycle of identities by a few fen a turn) is
    // heading for an empty interval: give up on it early. A value accepted is always
    // propagated to the end, so giving up only costs a try.
    this.workLimit = Math.min(WORK_MAX, this.work + FIX_WORK_BASE + 2 * system.termVariable.length);
    const failure = this.runFrom(variable);
    this.workLimit = WORK_MAX;
    if (failure !== null) this.undo(mark);
    return failure;
  }

  /**
   * Fixes the variables of a tree of blocks, block after block. A block is
   * fixed greedily (each variable at its first candidate that propagates);
   * when a variable has none, the block is undone and tried again in a
   * shuffled order with the failing variables first; after `triesPerBlock`
   * tries, the search goes back to the block's parent (whose choices framed
   * it), undoes it and every block after it, and tries the parent again.
   * Blocks of a hierarchy that share no ancestor never undo each other.
   *
   * @param options - blocks (variables and parent block, −1 for none), candidates, bounds on work
   * @returns the values, or the variable of the last failure
   */
  solveBlocks(options: {
    readonly blocks: readonly { readonly variables: readonly number[]; readonly parent: number }[];
    readonly candidates: (variable: number) => readonly number[];
    readonly triesPerBlock: number;
    readonly fixesMax: number;
    readonly seed: number;
  }): { readonly ok: true; readonly values: number[] } | { readonly ok: false; readonly variable: number; readonly failure: PropagationFailure } {
    this.seal();
    const { blocks } = options;
    const starts = new Array<number>(blocks.length).fill(0);
    const tries = new Array<number>(blocks.length).fill(0);
    const failedFirst = blocks.map(() => new Set<number>());
    let fixes = 0;
    const random = createRandom(options.seed).next;
    let last: { variable: number; failure: PropagationFailure } = { variable: -1, failure: { identity: -1, gapFen: 0 } };
    /** Fixes one block greedily; the failing variable, or −1. */
    const run = (b: number): number => {
      const block = blocks[b] as { readonly variables: readonly number[] };
      let order: readonly number[] = block.variables;
      if ((tries[b] as number) > 0) {
        const first = failedFirst[b] as Set<number>;
        order = block.variables
          .map((variable) => ({ variable, key: random() - (first.has(variable) ? 1 : 0) }))
          .sort((x, y) => x.key - y.key)
          .map((entry) => entry.variable);
      }
      for (const variable of order) {
        if ((this.lo[variable] as number) === (this.hi[variable] as number)) continue;
        let failure: PropagationFailure | null = { identity: -1, gapFen: 0 };
        for (const value of options.candidates(variable)) {
          if (++fixes > options.fixesMax) return variable;
          failure = this.fix(variable, value);
          if (failure === null) break;
        }
        if (failure !== null) {
          last = { variable, failure };
          return variable;
        }
      }
      return -1;
    };
    let b = 0;
    while (b < blocks.length) {
      starts[b] = this.trailLength;
      const failedAt = run(b);
      if (failedAt < 0) {
        b++;
        continue;
      }
      if (fixes > options.fixesMax) return { ok: false, ...last };
      this.undo(starts[b] as number);
      (failedFirst[b] as Set<number>).add(failedAt);
      tries[b] = (tries[b] as number) + 1;
      if ((tries[b] as number) <= options.triesPerBlock) continue;
      // This block's frame is at fault: back to its parent, and everything after it.
      let parent = (blocks[b] as { readonly parent: number }).parent;
      tries[b] = 0;
      while (parent >= 0 && (tries[parent] as number) >= options.triesPerBlock) {
        tries[parent] = 0;
        parent = (blocks[parent] as { readonly parent: number }).parent;
      }
      if (parent < 0) return { ok: false, ...last };
      this.undo(starts[parent] as number);
      tries[parent] = (tries[parent] as number) + 1;
      for (let k = parent + 1; k < blocks.length; k++) tries[k] = 0;
      b = parent;
    }
    return { ok: true, values: Array.from(this.lo) };
  }

  /**
   * Fixes every variable: each in turn to its target when its narrowed
   * interval allows, else to the middle or an end of the interval. A
   * variable that no value fits (an earlier choice left the others
   * inconsistent in a way the intervals do not show) is left unfixed and
   * reported, and the others go on being fixed, so that one pass finds every
   * trouble spot.
   *
   * @param options - the order and the targets
   * @returns the values, or every variable that could not be fixed (with the failure)
   */
  solve(
    options: SolveOptions,
  ):
    | { readonly ok: true; readonly values: number[] }
    | { readonly ok: false; readonly troubled: readonly { readonly variable: number; readonly failure: PropagationFailure }[] } {
    this.seal();
    const seen = new Uint8Array(this.lo.length);
    const order: number[] = [];
    for (const v of options.order) {
      if (seen[v] === 1) continue;
      seen[v] = 1;
      order.push(v);
    }
    for (let v = 0; v < this.lo.length; v++) if (seen[v] === 0) order.push(v);
    const troubled: { variable: number; failure: PropagationFailure }[] = [];
    for (const v of order) {
      const lo = this.lo[v] as number;
      const hi = this.hi[v] as number;
      if (lo === hi) continue;
      const clamp = (x: number): number => Math.min(hi, Math.max(lo, x));
      const target = Math.round(options.target(v));
      const middle = lo === -Infinity || hi === Infinity ? clamp(0) : Math.round((lo + hi) / 2);
      const candidates = [clamp(Number.isFinite(target) ? target : 0), middle, lo, hi].filter((x) => Number.isFinite(x));
      let failure: PropagationFailure | null = { identity: -1, gapFen: 0 };
      const tried = new Set<number>();
      for (const candidate of candidates) {
        if (tried.has(candidate)) continue;
        tried.add(candidate);
        failure = this.fix(v, candidate);
        if (failure === null) break;
      }
      if (failure !== null) troubled.push({ variable: v, failure });
    }
    return troubled.length === 0 ? { ok: true, values: Array.from(this.lo) } : { ok: false, troubled };
  }
}
