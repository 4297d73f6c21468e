/**
 * A small dense linear-program solver: the two-phase simplex method on a tableau
 * (Dantzig 1947; Nocedal & Wright, Numerical Optimization, ch. 13; Chvátal, Linear
 * Programming, ch. 2–3), for problems in standard form
 *
 *   minimise cᵀx  subject to  A·x = b,  x ≥ 0.
 *
 * An optimum of a linear program, when one exists, is attained at a vertex of the
 * feasible polytope; the simplex method walks from vertex to vertex along edges that
 * lower cᵀx. Phase 1 finds a first vertex by minimising the sum of artificial variables
 * (skipped when the caller supplies a feasible basis); phase 2 optimises cᵀx from there.
 * Pivots use Dantzig's rule (most negative reduced cost), switching to Bland's rule
 * (lowest index), which cannot cycle, after a run of degenerate pivots. Dense and
 * O(m·n) per pivot: meant for problems with hundreds of rows, not millions.
 */

export interface LinprogProblem {
  /** Cost vector, length n. */
  c: ArrayLike<number>;
  /** Equality constraints A·x = b: m rows of length n. */
  Aeq: readonly ArrayLike<number>[];
  beq: ArrayLike<number>;
  /** Optional starting basis: m column indices whose columns form a feasible basis (skips phase 1). */
  basis?: readonly number[];
}

export interface LinprogResult {
  /** 'optimal', or why there is no optimum. */
  status: 'optimal' | 'infeasible' | 'unbounded' | 'iteration_limit';
  x: Float64Array;
  fun: number;
  /** Simplex pivots over both phases. */
  nIter: number;
}

const EPS = 1e-10;

/** A tableau: m constraint rows and a cost row, each with the right-hand side in the last column. */
class Tableau {
  readonly rows: Float64Array[];
  cost: Float64Array;
  readonly basis: number[];
  constructor(readonly m: number, readonly width: number) {
    this.rows = Array.from({ length: m }, () => new Float64Array(width + 1));
    this.cost = new Float64Array(width + 1);
    this.basis = new Array<number>(m).fill(-1);
  }

  /** Makes column `col` the basic variable of row `r` by Gauss–Jordan elimination. */
  pivot(r: number, col: number): void {
    const pr = this.rows[r];
    const inv = 1 / pr[col];
    for (let j = 0; j <= this.width; j++) pr[j] *= inv;
    pr[col] = 1;
    const eliminate = (row: Float64Array) => {
      const f = row[col];
      if (f === 0) return;
      for (let j = 0; j <= this.width; j++) row[j] -= f * pr[j];
      row[col] = 0;
    };
    for (let i = 0; i < this.m; i++) if (i !== r) eliminate(this.rows[i]);
    eliminate(this.cost);
    this.basis[r] = col;
  }

  /**
   * Pivots until no column in `allowed` has a negative reduced cost. The cost row holds
   * reduced costs, and its last entry is minus the objective.
   */
  optimise(allowed: (j: number) => boolean, maxIter: number): { status: 'optimal' | 'unbounded' | 'iteration_limit'; nIter: number } {
    let degenerate = 0;
    for (let it = 0; it < maxIter; it++) {
      const bland = degenerate > 50;
      let col = -1;
      let best = -EPS;
      for (let j = 0; j < this.width; j++) {
        if (!allowed(j) || !(this.cost[j] < best)) continue;
        col = j;
        if (bland) break;
        best = this.cost[j];
      }
      if (col < 0) return { status: 'optimal', nIter: it };
      // Ratio test: the row that first hits zero as the entering variable grows.
      let r = -1;
      let ratio = Infinity;
      for (let i = 0; i < this.m; i++) {
        const a = this.rows[i][col];
        if (a <= EPS) continue;
        const q = this.rows[i][this.width] / a;
        if (q < ratio - EPS || (q <= ratio + EPS && r >= 0 && this.basis[i] < this.basis[r])) {
          ratio = q;
          r = i;
        }
      }
      if (r < 0) return { status: 'unbounded', nIter: it };
      degenerate = ratio <= EPS ? degenerate + 1 : 0;
      this.pivot(r, col);
    }
    return { status: 'iteration_limit', nIter: maxIter };
  }
}

/**
 * Solves min cᵀx subject to A·x = b, x ≥ 0.
 *
 * ```ts
 * // min −x₀ − 2x₁  s.t.  x₀ + x₁ + s₀ = 4,  x₁ + s₁ = 3  (s are slacks)
 * linprog({ c: [-1, -2, 0, 0], Aeq: [[1, 1, 1, 0], [0, 1, 0, 1]], beq: [4, 3] }).x; // [1, 3, 0, 0], fun −7
 * ```
 */
export function linprog(problem: LinprogProblem, options: { maxIter?: number } = {}): LinprogResult {
  const { c, Aeq, beq } = problem;
  const m = Aeq.length;
  const n = c.length;
  if (beq.length !== m) throw new Error(`linprog: Aeq has ${m} rows but beq has ${beq.length} values.`);
  Aeq.forEach((row, i) => {
    if (row.length !== n) throw new Error(`linprog: row ${i} of Aeq has ${row.length} values; c has ${n}.`);
  });
  const maxIter = options.maxIter ?? 50 * (m + n);
  // Columns: the n variables, then m artificials (used only in phase 1).
  const T = new Tableau(m, n + m);
  for (let i = 0; i < m; i++) {
    const sign = beq[i] < 0 ? -1 : 1; // rows with b ≥ 0, so the artificials start feasible
    const row = T.rows[i];
    for (let j = 0; j < n; j++) row[j] = sign * Aeq[i][j];
    row[n + i] = 1;
    row[n + m] = sign * beq[i];
    T.basis[i] = n + i;
  }
  let nIter = 0;
  const original = (j: number) => j < n;

  if (problem.basis) {
    if (problem.basis.length !== m) throw new Error(`linprog: a basis needs ${m} columns; got ${problem.basis.length}.`);
    problem.basis.forEach((col, r) => T.pivot(r, col));
    if (T.rows.some((row) => row[n + m] < -1e-9)) throw new Error('linprog: the given basis is not feasible (some basic variable is negative).');
  } else {
    // Phase 1: minimise the sum of the artificials; cost row = −(sum of rows) on the original columns.
    T.cost.fill(0);
    for (const row of T.rows) for (let j = 0; j < n; j++) T.cost[j] -= row[j];
    for (const row of T.rows) T.cost[n + m] -= row[n + m];
    const phase1 = T.optimise(original, maxIter);
    nIter += phase1.nIter;
    if (phase1.status === 'iteration_limit') return { status: 'iteration_limit', x: new Float64Array(n), fun: NaN, nIter };
    const scale = Math.max(1, ...Array.from(beq, Math.abs));
    if (-T.cost[n + m] > 1e-9 * scale) return { status: 'infeasible', x: new Float64Array(n), fun: NaN, nIter };
    // Drive artificials still basic (at zero) out of the basis where a real column can replace them.
    for (let r = 0; r < m; r++) {
      if (T.basis[r] < n) continue;
      let col = -1;
      for (let j = 0; j < n; j++) if (Math.abs(T.rows[r][j]) > 1e-9) { col = j; break; }
      if (col >= 0) T.pivot(r, col); // otherwise the row is redundant and its artificial stays at 0
    }
  }

  // Phase 2: reduced costs c_j − c_Bᵀ·(column j of the tableau).
  T.cost.fill(0);
  for (let j = 0; j < n; j++) T.cost[j] = c[j];
  for (let r = 0; r < m; r++) {
    const cb = T.basis[r] < n ? c[T.basis[r]] : 0;
    if (cb === 0) continue;
    const row = T.rows[r];
    for (let j = 0; j <= n + m; j++) T.cost[j] -= cb * row[j];
  }
  const phase2 = T.optimise(original, maxIter - nIter);
  nIter += phase2.nIter;
  const x = new Float64Array(n);
  for (let r = 0; r < m; r++) if (T.basis[r] < n) x[T.basis[r]] = Math.max(0, T.rows[r][n + m]);
  let fun = 0;
  for (let j = 0; j < n; j++) fun += c[j] * x[j];
  return { status: phase2.status, x, fun, nIter };
}
