/**
 * `fit`: the training loop every neural-network lesson writes by hand, written once, with
 * the pieces a real run needs: validation, metrics, a learning-rate schedule, early
 * stopping, the best weights kept (and handed out as portable bytes), and progress.
 *
 * Per epoch it does exactly what the hand-written loop does:
 *
 *   model.train()
 *   for [x, y] of train:  zeroGrad → out = model.forward(x) → loss(out, y).backward()
 *                         → (clip) → optimizer.step() → (per-batch scheduler.step())
 *   model.eval(); noGrad: for [x, y] of val: loss and metrics, averaged over samples
 *   scheduler.step() (ReduceLROnPlateau gets the monitored value) → early stopping
 *
 * Losses and metrics are averaged over samples (each batch weighted by its size), so a
 * short last batch counts for what it holds. Training metrics are measured on the fly,
 * on the batches as they are trained (as Keras does), so they lag the end-of-epoch weights.
 */
import { Tensor, noGrad } from '../tensor/index.js';
import { Module, saveState, type StateDict } from '../nn/index.js';
import { OneCycleLR, ReduceLROnPlateau, clipGradNorm, type LRScheduler, type Optimizer } from '../optim/index.js';
import { isTerminal, progressBar, type EpochLog, type FitEvent } from './progress.js';
import type { Run } from '../track/tracker.js';

export type { EpochLog, FitEvent } from './progress.js';
export { progressBar } from './progress.js';

/** A loss: a function `(output, target) → scalar tensor`, or a loss module such as `new CrossEntropyLoss()`. */
export type LossFn = ((output: Tensor, target: Tensor) => Tensor) | { forward(output: Tensor, target: Tensor): unknown };

/** A metric: `(output, target) → number` for one batch; `fit` averages it over samples. */
export type Metric = (output: Tensor, target: Tensor) => number;

/** Anything `fit` can iterate for batches `[input, target]`: a `DataLoader`, or an array of batches. */
export type BatchSource = Iterable<Tensor[]> & { readonly length: number };

export interface EarlyStoppingOptions {
  /** Epochs without improvement to wait before stopping (default 5). */
  patience?: number;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Load the best epoch's weights into the model when training ends (default false). */
  restoreBestWeights?: boolean;
}

/** What `onCheckpoint` is told about the weights it receives. */
export interface CheckpointInfo { epoch: number; monitor: string; value: number }

export interface FitOptions {
  optimizer: Optimizer<{ lr: number }>;
  loss: LossFn;
  /** Number of passes over the training data. */
  epochs: number;
  /** Validation batches, evaluated after each epoch in eval mode without gradients. */
  valLoader?: BatchSource;
  /** Metrics by name, reported as `train<Name>` and `val<Name>`: `{ accuracy }` gives `valAccuracy`. */
  metrics?: Record<string, Metric>;
  /** A schedule, stepped once per epoch, or per batch for `OneCycleLR` (see `schedulerInterval`). */
  scheduler?: LRScheduler | ReduceLROnPlateau;
  /** When to step the scheduler; default 'batch' for OneCycleLR, else 'epoch'. */
  schedulerInterval?: 'epoch' | 'batch';
  /** The history key watched by early stopping, checkpoints and ReduceLROnPlateau; default 'valLoss' (or 'trainLoss' without validation). */
  monitor?: string;
  /** Whether smaller or larger `monitor` is better; default 'max' for names containing "accuracy", else 'min'. */
  mode?: 'min' | 'max';
  earlyStopping?: EarlyStoppingOptions;
  /** Called with `saveState` bytes each time the monitored value improves: write them to a file in Node, IndexedDB in a browser. */
  onCheckpoint?: (bytes: Uint8Array, info: CheckpointInfo) => void;
  /** Clip the gradient norm of all parameters to this value before each step. */
  clipGradNorm?: number;
  /** 'bar' draws a progress bar (one line per epoch when not on a terminal), a function receives events, false is silent. Default: a bar on a terminal, else silent. */
  progress?: false | 'bar' | ((event: FitEvent) => void);
  /** A `descent/track` run to log to: the settings as parameters, every epoch's history as metrics (step = epoch), the best weights as the artifact 'model'. One fit per run. */
  track?: Run;
}

export interface FitResult {
  /** One entry per epoch run. */
  history: EpochLog[];
  /** The history key that was watched. */
  monitor: string;
  /** The epoch (from 1) with the best monitored value, and that value. */
  bestEpoch: number | null;
  bestValue: number | null;
  /** A copy of the weights (and buffers) at the best epoch. */
  bestState: StateDict | null;
  /** True if early stopping ended training before `epochs`. */
  stoppedEarly: boolean;
}

/**
 * The fraction of samples whose predicted class matches the target. Output (N, C) logits
 * or probabilities → argmax over the classes; output (N,) or (N, 1) → a binary logit,
 * positive means class 1.
 *
 * ```ts
 * accuracy(tensor([[2, 1], [0, 3]]), tensor([0, 0], { dtype: 'int32' }));   // 0.5
 * ```
 */
export function accuracy(output: Tensor, target: Tensor): number {
  const binary = output.ndim === 1 || (output.ndim === 2 && output.shape[1] === 1);
  const pred = binary ? output.reshape([-1]).gt(0) : output.argmax(-1);
  const t = target.reshape([-1]);
  if (pred.size !== t.size) throw new RangeError(`accuracy: the output has ${pred.size} predictions for shape (${output.shape.join(',')}) but the target has ${t.size} values; the target should hold one class index per sample`);
  return pred.astype('int32').eq(t.astype('int32')).astype('float32').mean().item();
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function callLoss(loss: LossFn, output: Tensor, target: Tensor): Tensor {
  const value = typeof loss === 'function' ? loss(output, target) : loss.forward(output, target);
  if (!(value instanceof Tensor) || value.size !== 1) throw new TypeError('fit: the loss must return a scalar tensor (one value); use a reduction such as mean');
  return value;
}

function splitBatch(batch: Tensor[], where: string): [Tensor, Tensor] {
  if (!Array.isArray(batch) || batch.length < 2 || !(batch[0] instanceof Tensor) || !(batch[1] instanceof Tensor)) {
    throw new TypeError(`fit: each ${where} batch must be [input, target] tensors, as a DataLoader over a TensorDataset(X, y) yields`);
  }
  return [batch[0], batch[1]];
}

function forwardTensor(model: Module, x: Tensor): Tensor {
  const out = model.forward(x);
  if (!(out instanceof Tensor)) throw new TypeError(`fit: ${model.constructor.name}.forward returned ${typeof out}, not a tensor; fit needs a model whose forward(x) returns the output tensor`);
  return out;
}

/** Sample-weighted running sums of the loss and each metric. */
class Averager {
  private sums = new Map<string, number>();
  private n = 0;
  add(count: number, values: Record<string, number>): void {
    this.n += count;
    for (const [k, v] of Object.entries(values)) this.sums.set(k, (this.sums.get(k) ?? 0) + v * count);
  }
  means(): Record<string, number> {
    return Object.fromEntries([...this.sums].map(([k, s]) => [k, s / this.n]));
  }
}

/**
 * Loss and metrics of `model` over `loader`, in eval mode without gradients, averaged
 * over samples. The model is left in eval mode.
 *
 * ```ts
 * const { loss, accuracy: acc } = evaluate(model, testLoader, { loss: F.crossEntropy, metrics: { accuracy } });
 * ```
 */
export function evaluate(model: Module, loader: BatchSource, options: { loss: LossFn; metrics?: Record<string, Metric> }): { loss: number; [metric: string]: number } {
  const avg = new Averager();
  model.eval();
  noGrad(() => {
    for (const batch of loader) {
      const [x, y] = splitBatch(batch, 'validation');
      const out = forwardTensor(model, x);
      const values: Record<string, number> = { loss: callLoss(options.loss, out, y).item() };
      for (const [name, metric] of Object.entries(options.metrics ?? {})) values[name] = metric(out, y);
      avg.add(x.shape[0], values);
    }
  });
  const means = avg.means();
  if (!('loss' in means)) throw new RangeError('evaluate: the loader produced no batches; it needs at least one sample');
  return means as { loss: number };
}

function cloneState(model: Module): StateDict {
  return Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, t.detach().clone()]));
}

function validate(options: FitOptions, train: BatchSource): void {
  const o = options;
  if (!o || typeof o !== 'object') throw new TypeError('fit: pass options { optimizer, loss, epochs }');
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`fit: epochs must be a positive integer, got ${o.epochs}`);
  if (!o.optimizer || !Array.isArray(o.optimizer.paramGroups)) throw new TypeError('fit: optimizer is missing; pass e.g. new Adam(model.parameters())');
  if (typeof o.loss !== 'function' && typeof (o.loss as { forward?: unknown })?.forward !== 'function') throw new TypeError('fit: loss is missing; pass a function (output, target) => tensor such as F.crossEntropy, or a loss module');
  if (!train || typeof (train as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new TypeError('fit: the training data must be a DataLoader or an array of [input, target] batches');
  if (train.length === 0) throw new RangeError('fit: the training loader has no batches; check the dataset size and dropLast');
  for (const [name, m] of Object.entries(o.metrics ?? {})) {
    if (typeof m !== 'function') throw new TypeError(`fit: metric ${name} must be a function (output, target) => number`);
  }
  if (o.mode !== undefined && o.mode !== 'min' && o.mode !== 'max') throw new RangeError(`fit: mode must be 'min' or 'max', got ${String(o.mode)}`);
  if (o.monitor !== undefined) {
    const names = ['trainLoss', ...Object.keys(o.metrics ?? {}).map((k) => `train${capitalize(k)}`)];
    if (o.valLoader) names.push('valLoss', ...Object.keys(o.metrics ?? {}).map((k) => `val${capitalize(k)}`));
    if (!names.includes(o.monitor)) throw new RangeError(`fit: monitor '${o.monitor}' is not in the history; choose one of ${names.join(', ')}${o.valLoader ? '' : ' (pass valLoader for val* keys)'}`);
  }
  const es = o.earlyStopping;
  if (es) {
    if (es.patience !== undefined && !(Number.isInteger(es.patience) && es.patience >= 0)) throw new RangeError(`fit: earlyStopping.patience must be an integer >= 0, got ${es.patience}`);
    if (es.minDelta !== undefined && !(es.minDelta >= 0)) throw new RangeError(`fit: earlyStopping.minDelta must be a number >= 0, got ${es.minDelta}`);
  }
  if (o.clipGradNorm !== undefined && !(o.clipGradNorm > 0)) throw new RangeError(`fit: clipGradNorm must be a number > 0, got ${o.clipGradNorm}`);
  if (o.schedulerInterval === 'batch' && o.scheduler instanceof ReduceLROnPlateau) throw new RangeError("fit: ReduceLROnPlateau needs the monitored value once per epoch; use schedulerInterval 'epoch'");
  if (o.track !== undefined && typeof (o.track as { logMetrics?: unknown })?.logMetrics !== 'function') throw new TypeError('fit: track must be a descent/track Run, from tracker.startRun()');
  if (o.progress !== undefined && o.progress !== false && o.progress !== 'bar' && typeof o.progress !== 'function') throw new TypeError("fit: progress must be false, 'bar' or a function receiving events");
}

/**
 * Trains `model` on `train` for `options.epochs` epochs and returns the per-epoch history.
 *
 * ```ts
 * import { tensor, randn, manualSeed } from 'descent/tensor';
 * import { Sequential, Linear, ReLU, F } from 'descent/nn';
 * import { Adam } from 'descent/optim';
 * import { DataLoader, TensorDataset, fit, accuracy } from 'descent/data';
 * manualSeed(0);
 * const X = randn([200, 2]);
 * const y = X.sum(1).gt(0).astype('int32');
 * const model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2));
 * const { history } = fit(model, new DataLoader(new TensorDataset(X, y), { batchSize: 20 }), {
 *   optimizer: new Adam(model.parameters(), { lr: 1e-2 }), loss: F.crossEntropy, epochs: 5,
 *   metrics: { accuracy }, progress: false,
 * });
 * history[4].trainAccuracy;   // close to 1
 * ```
 */
export function fit(model: Module, train: BatchSource, options: FitOptions): FitResult {
  if (!(model instanceof Module)) throw new TypeError('fit: the first argument must be a Module (the model to train)');
  validate(options, train);
  const { optimizer, loss, epochs, valLoader, scheduler } = options;
  const metrics = options.metrics ?? {};
  const monitor = options.monitor ?? (valLoader ? 'valLoss' : 'trainLoss');
  const mode = options.mode ?? (/accuracy/i.test(monitor) ? 'max' : 'min');
  const es = options.earlyStopping;
  const patience = es?.patience ?? 5;
  const minDelta = es?.minDelta ?? 0;
  const interval = options.schedulerInterval ?? (scheduler instanceof OneCycleLR ? 'batch' : 'epoch');
  const emit = options.progress === false ? null
    : typeof options.progress === 'function' ? options.progress
      : options.progress === 'bar' || isTerminal() ? progressBar() : null;
  const batches = train.length;
  const params = model.parameters();

  const history: EpochLog[] = [];
  let bestValue: number | null = null;
  let bestEpoch: number | null = null;
  let bestState: StateDict | null = null;
  let wait = 0;
  let stoppedEarly = false;
  const improves = (v: number): boolean => bestValue === null
    ? Number.isFinite(v)
    : mode === 'min' ? v < bestValue - minDelta : v > bestValue + minDelta;

  const run = options.track;
  run?.logParams({ epochs, batches, optimizer: optimizer.constructor.name, lr: optimizer.paramGroups[0].options.lr, monitor, mode,
    scheduler: scheduler ? scheduler.constructor.name : null, clipGradNorm: options.clipGradNorm ?? null });
  emit?.({ type: 'start', epochs, batches });
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = performance.now();
    const lr = optimizer.paramGroups[0].options.lr;
    const avg = new Averager();
    let batch = 0;
    model.train();
    for (const b of train) {
      const [x, y] = splitBatch(b, 'training');
      optimizer.zeroGrad();
      const out = forwardTensor(model, x);
      const lossValue = callLoss(loss, out, y);
      lossValue.backward();
      if (options.clipGradNorm !== undefined) clipGradNorm(params, options.clipGradNorm);
      optimizer.step();
      // The rate after the run's very last batch is never used; not stepping there lets
      // OneCycleLR's totalSteps be exactly epochs × batches (its step() throws one past the end).
      const lastOfRun = epoch === epochs && batch === batches - 1;
      if (scheduler && interval === 'batch' && !lastOfRun) (scheduler as LRScheduler).step();
      const l = lossValue.item();
      if (!Number.isFinite(l)) throw new Error(`fit: the training loss is ${l} at epoch ${epoch}, batch ${batch + 1}; lower the learning rate, clip gradients (clipGradNorm) or check the inputs for NaN`);
      const values: Record<string, number> = { Loss: l };
      noGrad(() => { for (const [name, m] of Object.entries(metrics)) values[capitalize(name)] = m(out.detach(), y); });
      avg.add(x.shape[0], values);
      batch++;
      emit?.({ type: 'batch', epoch, epochs, batch, batches, loss: l });
    }
    // Keys in reading order: epoch, train*, val*, lr, seconds.
    const log = { epoch } as EpochLog;
    for (const [k, v] of Object.entries(avg.means())) log[`train${k}`] = v;
    if (valLoader) {
      const val = evaluate(model, valLoader, { loss, metrics });
      for (const [k, v] of Object.entries(val)) log[`val${capitalize(k)}`] = v;
    }
    log.lr = lr;
    log.seconds = (performance.now() - started) / 1000;
    history.push(log);

    const value = log[monitor] as number;
    if (scheduler instanceof ReduceLROnPlateau) scheduler.step(value);
    else if (scheduler && interval === 'epoch') scheduler.step();

    if (improves(value)) {
      bestValue = value;
      bestEpoch = epoch;
      bestState = cloneState(model);
      wait = 0;
      options.onCheckpoint?.(saveState(bestState, { epoch, monitor, value }), { epoch, monitor, value });
    } else {
      wait++;
    }
    emit?.({ type: 'epoch', epoch, epochs, log });
    run?.logMetrics(Object.fromEntries(Object.entries(log).filter(([k, v]) => k !== 'epoch' && typeof v === 'number')) as Record<string, number>, epoch);
    if (es && wait > 0 && wait >= patience && epoch < epochs) {
      stoppedEarly = true;
      break;
    }
  }
  if (es?.restoreBestWeights && bestState) model.loadStateDict(bestState);
  emit?.({ type: 'end', epochsRun: history.length, stoppedEarly, bestEpoch });
  if (run) {
    run.setTags({ bestEpoch: String(bestEpoch), stoppedEarly: String(stoppedEarly) });
    run.logArtifact('model', saveState(bestState ?? cloneState(model), { bestEpoch, monitor }), { kind: 'model', mediaType: 'application/x-descent-state' });
  }
  return { history, monitor, bestEpoch, bestValue, bestState, stoppedEarly };
}
