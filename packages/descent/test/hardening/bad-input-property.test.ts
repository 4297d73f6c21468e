// The "bad input" suite: fast-check throws generated bad inputs at every registered
// estimator and at the tensor ops. A bad input must end in an Error whose message names the
// estimator or op and says what is wrong: never an engine error ("Cannot read properties of
// undefined", "Invalid typed array length"), never a silently NaN output. A new estimator is
// covered by registering it. Few runs per estimator keep it quick (~40 fits each).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tensor, zeros, type Tensor } from '../../src/tensor/index.js';
import { listEstimators, type BaseEstimator, type EstimatorClass } from '../../src/learn/index.js';
import { dataFor, exampleInstance, fitOn, type Split } from '../learn/examples.js';

const RUNS = 12;
const NAMES = listEstimators().map((c) => c.spec.name);

/** The error `run` throws, or undefined. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** An estimator's error: a plain value error (not a TypeError/RangeError) naming an estimator. */
function expectNamedError(e: unknown, what: string): void {
  expect(e, `${what}: expected an error`).toBeInstanceOf(Error);
  const err = e as Error;
  expect(err instanceof TypeError || err instanceof RangeError, `${what}: got ${err.name}: ${err.message}`).toBe(false);
  const named = NAMES.some((n) => err.message.startsWith(`${n}:`) || err.message.startsWith(`${n} `) || err.message.includes(` ${n}`));
  expect(named, `${what}: the message does not name the estimator: ${err.message}`).toBe(true);
}

type Any = Record<string, (...args: unknown[]) => unknown>;

/** Every numeric output the fitted estimator gives on X, flattened. */
function numericOutputs(est: BaseEstimator, X: unknown): number[] {
  const e = est as unknown as Any;
  const out: number[] = [];
  for (const m of ['predict', 'predictProba', 'transform', 'decisionFunction']) {
    if (!est.supports(m)) continue;
    const flat = (v: unknown): void => {
      if (typeof v === 'number') out.push(v);
      else if (Array.isArray(v) || ArrayBuffer.isView(v)) for (const x of Array.from(v as ArrayLike<unknown>)) flat(x);
    };
    flat(e[m]!(X));
  }
  return out;
}

/** The ways an input can be bad, each a change to a good split. */
const BAD = ['nan', 'inf', '-inf', 'empty', 'one-d', 'ragged', 'string-cell', 'null-cell', 'null-X', 'object-X', 'y-short', 'y-missing', 'y-nan', 'y-object'] as const;
type Bad = (typeof BAD)[number];

function corrupt(kind: Bad, s: Split, row: number, col: number): Split {
  const X = (s.X as number[][]).map((r) => [...r]);
  const y = s.y as unknown[] | null;
  const i = row % X.length;
  const j = col % X[0]!.length;
  const set = (v: unknown) => {
    (X[i] as unknown[])[j] = v;
    return { X, y };
  };
  switch (kind) {
    case 'nan': return set(NaN);
    case 'inf': return set(Infinity);
    case '-inf': return set(-Infinity);
    case 'empty': return { X: [], y: [] };
    case 'one-d': return { X: X.map((r) => r[0]), y };
    case 'ragged': return { X: X.map((r, k) => (k === i ? r.slice(1) : r)), y };
    case 'string-cell': return set('7');
    case 'null-cell': return set(null);
    case 'null-X': return { X: null, y };
    case 'object-X': return { X: { rows: X }, y };
    case 'y-short': return { X, y: y?.slice(1) ?? null };
    case 'y-missing': return { X, y: undefined };
    case 'y-nan': return { X, y: y?.map((v, k) => (k === i ? NaN : v)) ?? null };
    case 'y-object': return { X, y: y?.map((v, k) => (k === i ? { label: v } : v)) ?? null };
  }
}

/** Whether `kind` is bad for this estimator at all (a transformer ignores y; imputers take NaN). */
function applies(kind: Bad, est: BaseEstimator): boolean {
  if (kind.startsWith('y-')) return est.tags.requiresY === true;
  if (kind === 'nan') return !est.tags.allowNaN;
  return true;
}

describe('bad inputs to every registered estimator', () => {
  for (const Cls of listEstimators() as EstimatorClass[]) {
    const name = Cls.spec.name;
    const probe = exampleInstance(Cls);
    if (probe.tags.input === 'labels' || probe.tags.input === 'categorical') continue; // label encoders: covered by the common checks
    it(`${name}: fit refuses each bad input with a named error`, () => {
      const data = dataFor(probe);
      fc.assert(fc.property(fc.constantFrom(...BAD), fc.nat(100), fc.nat(10), (kind, row, col) => {
        const est = exampleInstance(Cls);
        if (!applies(kind, est)) return;
        const bad = corrupt(kind, data.train, row, col);
        expectNamedError(thrown(() => fitOn(est, bad)), `${name} fit with ${kind}`);
      }), { numRuns: RUNS, seed: 14 });
    });

    it(`${name}: a fitted estimator refuses bad input to predict/transform with a named error`, () => {
      const data = dataFor(probe);
      const est = fitOn(exampleInstance(Cls), data.train);
      const method = ['predict', 'transform', 'kneighbors'].find((m) => est.supports(m));
      // DBSCAN and AgglomerativeClustering only label their training data (fitPredict), as in scikit-learn.
      if (method === undefined) return;
      fc.assert(fc.property(fc.constantFrom<Bad | 'wide'>('nan', 'inf', 'one-d', 'ragged', 'string-cell', 'null-X', 'wide'), fc.nat(100), fc.nat(10), (kind, row, col) => {
        if (kind === 'nan' && est.tags.allowNaN) return;
        if (kind === 'null-X' && (est.supports('kneighbors') || est.supports('radiusNeighbors'))) return; // scikit-learn: no X queries the training points
        const X = kind === 'wide' ? (data.test.X as number[][]).map((r) => [...r, 1]) : corrupt(kind, data.test, row, col).X;
        expectNamedError(thrown(() => (est as unknown as Any)[method]!(X)), `${name}.${method} with ${kind}`);
      }), { numRuns: RUNS, seed: 14 });
    });

    it(`${name}: constant or duplicated columns give a named error or finite outputs, never NaN`, () => {
      const data = dataFor(probe);
      fc.assert(fc.property(fc.constantFrom('constant', 'duplicate', 'all-constant'), fc.nat(10), (kind, col) => {
        const X0 = data.train.X as number[][];
        const j = col % X0[0]!.length;
        const X = X0.map((r) => (kind === 'all-constant' ? r.map(() => 3) : kind === 'constant' ? r.map((v, k) => (k === j ? 3 : v)) : r.map((v, k) => (k === (j + 1) % r.length ? r[j]! : v))));
        const est = exampleInstance(Cls);
        const error = thrown(() => fitOn(est, { X, y: data.train.y }));
        if (error !== undefined) {
          expectNamedError(error, `${name} fit with ${kind} columns`);
          return;
        }
        const bad = numericOutputs(est, X).filter((v) => !Number.isFinite(v));
        expect(bad, `${name} with ${kind} columns gave non-finite outputs`).toEqual([]);
      }), { numRuns: 3, seed: 14 });
    });
  }
});

// ---- tensor ops: each bad call must fail with a message that starts with the op's name.

interface OpCase { op: string; call: (args: { n: number; big: number; bad: unknown }) => unknown }

const t23 = () => tensor([[1, 2, 3], [4, 5, 6]]);
const OPS: OpCase[] = [
  { op: 'tensor', call: ({ bad }) => tensor(bad as number[]) },
  { op: 'tensor', call: ({ big }) => tensor([big, NaN], { dtype: 'int32' }) },
  { op: 'zeros', call: ({ big }) => zeros([big, big]) },
  { op: 'zeros', call: ({ bad }) => zeros(bad as number[]) },
  { op: 'reshape', call: ({ n }) => t23().reshape([n + 7]) },
  { op: 'indexSelect', call: ({ big }) => t23().indexSelect(0, [big]) },
  { op: 'indexSelect', call: ({ n }) => t23().indexSelect(n + 2, [0]) },
  { op: 'gather', call: ({ big }) => t23().gather(1, [[big], [0]]) },
  { op: 'select', call: ({ n }) => t23().select(0, n + 2) },
  { op: 'sum', call: ({ n }) => t23().sum(n + 2) },
  { op: 'softmax', call: ({ n }) => t23().softmax(n + 2) },
  { op: 'matmul', call: ({ n }) => t23().matmul(zeros([n + 4, 2])) },
  { op: 'add', call: ({ n }) => t23().add(zeros([n + 4])) },
  { op: 'astype', call: ({ bad }) => t23().astype(String(bad) as never) },
  { op: 'permute', call: ({ n }) => t23().permute([0, n + 2]) },
  { op: 'narrow', call: ({ n }) => t23().narrow(1, 2, n + 2) },
];

describe('bad inputs to the tensor ops', () => {
  it('every op names itself and the problem', () => {
    const badValues = fc.constantFrom<unknown>(undefined, null, 'abc', { a: 1 }, [[1, 2], [3]], [1, 'x'], -1, 1.5, [NaN, -2]);
    fc.assert(fc.property(fc.constantFrom(...OPS), fc.nat(1000), fc.integer({ min: 2 ** 31, max: 2 ** 45 }), badValues, (c, n, big, bad) => {
      const e = thrown(() => c.call({ n, big, bad }));
      if (e === undefined) return; // some generated values are fine for some ops (a valid shape)
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message, `${c.op}(${String(bad)}): ${(e as Error).message}`).toMatch(new RegExp(`^${c.op}[:(]|^Cannot allocate`));
    }), { numRuns: 200, seed: 14 });
  });

  it('the cases that must fail do fail', () => {
    for (const c of OPS) {
      const e = thrown(() => c.call({ n: 0, big: 2 ** 40, bad: 'abc' }));
      expect(e, c.op).toBeInstanceOf(Error);
    }
  });

  it('bad values never pass silently into an integer tensor', () => {
    fc.assert(fc.property(fc.oneof(fc.constant(NaN), fc.constant(Infinity), fc.double({ min: 2 ** 31, max: 1e300 }), fc.double({ min: -1e300, max: -(2 ** 31) - 1 })), (v) => {
      expect(() => tensor([1, v], { dtype: 'int32' })).toThrow(/^tensor: .* cannot be stored as int32/);
    }), { numRuns: 50, seed: 14 });
  });

  // A helper: gradients of a reduction over an empty axis must not be NaN silently either.
  it('reductions over an empty tensor give the identities, not NaN, where PyTorch does', () => {
    const empty: Tensor = zeros([0, 3]);
    expect(empty.sum(0).toArray()).toEqual([0, 0, 0]);
    expect(() => empty.max(0)).toThrow(/^max/);
  });
});
