/**
 * `descent/data`: datasets and mini-batches, shaped like torch.utils.data.
 *
 * ```ts
 * const ds = new TensorDataset(X, y);
 * const [train, val] = randomSplit(ds, [0.8, 0.2], new Generator(0));
 * for (const [xb, yb] of new DataLoader(train, { batchSize: 32, shuffle: true, generator: new Generator(1) })) {
 *   // xb: (32, …), yb: (32,)
 * }
 * const { history } = fit(model, trainLoader, { optimizer, loss: F.crossEntropy, epochs: 10, valLoader, metrics: { accuracy } });
 * ```
 */
import { Tensor, stack, tensor } from '../tensor/index.js';
import { Generator } from '../random/index.js';

/** Anything indexable: `length` items, item i from `get(i)`. */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
  /** Optional fast path: a whole batch at once (TensorDataset gathers rows in one op). */
  getBatch?(indices: number[]): T;
}

/** Rows of several tensors that share their first dimension: item i is [t0[i], t1[i], …]. */
export class TensorDataset implements Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  readonly length: number;

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new RangeError('TensorDataset: needs at least one tensor');
    const n = tensors[0].ndim > 0 ? tensors[0].shape[0] : -1;
    tensors.forEach((t, i) => {
      if (t.ndim === 0 || t.shape[0] !== n) {
        throw new RangeError(`TensorDataset: every tensor needs the same first dimension; tensor 0 has ${n} rows, tensor ${i} has shape (${t.shape.join(',')})`);
      }
    });
    this.tensors = tensors;
    this.length = n;
  }

  get(index: number): Tensor[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) throw new RangeError(`TensorDataset: index ${index} is out of range for ${this.length} items`);
    return this.tensors.map((t) => t.select(0, index));
  }

  getBatch(indices: number[]): Tensor[] {
    const idx = tensor(indices, { dtype: 'int32' });
    return this.tensors.map((t) => t.indexSelect(0, idx));
  }
}

/** A view of some items of another dataset, by index. */
export class Subset<T> implements Dataset<T> {
  constructor(readonly dataset: Dataset<T>, readonly indices: number[]) {}
  get length(): number { return this.indices.length; }
  get(index: number): T {
    // Checked here: the parent would only see `undefined` and could not say which index was wrong.
    if (!Number.isInteger(index) || index < 0 || index >= this.indices.length) throw new RangeError(`Subset: index ${index} is out of range for ${this.indices.length} items`);
    return this.dataset.get(this.indices[index]);
  }
  getBatch(indices: number[]): T {
    const mapped = indices.map((i) => this.indices[i]);
    return this.dataset.getBatch ? this.dataset.getBatch(mapped) : defaultCollate(mapped.map((i) => this.dataset.get(i))) as T;
  }
}

/**
 * Splits a dataset into non-overlapping random subsets of the given sizes, or fractions
 * summing to 1 (remainders go to the first subsets, as in PyTorch).
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: number[], generator: Generator = new Generator(0)): Subset<T>[] {
  const n = dataset.length;
  let sizes = lengths;
  // PyTorch's rule: lengths summing to 1 (within rounding) are fractions, even [1, 0].
  if (lengths.every((l) => l >= 0 && l <= 1) && Math.abs(lengths.reduce((a, b) => a + b, 0) - 1) < 1e-9) {
    sizes = lengths.map((f) => Math.floor(f * n));
    let rest = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % sizes.length, rest--) sizes[i]++;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) throw new RangeError(`randomSplit: lengths ${JSON.stringify(lengths)} do not add up to the dataset's ${n} items (or to 1 as fractions)`);
  const perm = generator.permutation(n);
  let start = 0;
  return sizes.map((len) => {
    const part = new Subset(dataset, perm.slice(start, start + len));
    start += len;
    return part;
  });
}

/** Stacks items into a batch: tensors along a new first axis, numbers into a 1-D tensor, arrays elementwise. */
export function defaultCollate(items: unknown[]): unknown {
  const first = items[0];
  if (first instanceof Tensor) return stack(items as Tensor[]);
  if (typeof first === 'number') return tensor(items as number[]);
  if (Array.isArray(first)) return first.map((_, k) => defaultCollate(items.map((it) => (it as unknown[])[k])));
  return items;
}

export interface DataLoaderOptions<T> {
  batchSize?: number;
  /** Reshuffle the order at the start of every pass (needs a generator for reproducibility). */
  shuffle?: boolean;
  /** Drop the last batch if it is smaller than batchSize. */
  dropLast?: boolean;
  generator?: Generator;
  collate?: (items: T[]) => T;
}

/** Iterates over a dataset in mini-batches, reshuffling each pass when `shuffle` is on. */
export class DataLoader<T> implements Iterable<T> {
  readonly batchSize: number;

  constructor(readonly dataset: Dataset<T>, readonly options: DataLoaderOptions<T> = {}) {
    this.batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${options.batchSize}`);
  }

  /** Number of batches per pass. */
  get length(): number {
    const n = this.dataset.length;
    return this.options.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<T> {
    const n = this.dataset.length;
    const order = this.options.shuffle ? (this.options.generator ?? new Generator(Date.now())).permutation(n) : Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += this.batchSize) {
      const idx = order.slice(start, start + this.batchSize);
      if (idx.length < this.batchSize && this.options.dropLast) return;
      if (this.options.collate) yield this.options.collate(idx.map((i) => this.dataset.get(i)));
      else if (this.dataset.getBatch) yield this.dataset.getBatch(idx);
      else yield defaultCollate(idx.map((i) => this.dataset.get(i))) as T;
    }
  }
}

export {
  fit, evaluate, accuracy, progressBar,
  type FitOptions, type FitResult, type EarlyStoppingOptions, type CheckpointInfo, type LossFn, type Metric,
  type BatchSource, type EpochLog, type FitEvent,
} from './fit.js';
