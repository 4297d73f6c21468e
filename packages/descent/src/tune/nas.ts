/**
 * A small neural architecture search over `descent/nn` multilayer perceptrons: the trial picks
 * the depth, the width of every hidden layer, the activation, the dropout rate and Adam's
 * learning rate; training reports the validation loss after every epoch so a pruner (median,
 * Hyperband) can stop architectures that are already behind. This is the "define-by-run"
 * search space of Optuna's PyTorch example (optuna/examples, `pytorch_simple.py`): the number
 * of width parameters depends on the depth the trial drew.
 *
 * ```ts
 * import { createStudy, MedianPruner, suggestMLP, trainMLPTrial } from 'descent/tune';
 * const study = await createStudy({ pruner: new MedianPruner({ nWarmupSteps: 1 }) });
 * await study.optimize((trial) => {
 *   const { model, lr } = suggestMLP(trial, { inFeatures: 64, outFeatures: 10 });
 *   return trainMLPTrial(trial, model, data, { lr, epochs: 8 });   // validation loss
 * }, { nTrials: 20 });
 * ```
 */
import { manualSeed, noGrad, type Tensor } from '../tensor/index.js';
import { Generator } from '../random/index.js';
import { Dropout, ELU, GELU, Linear, ReLU, Sequential, Tanh, F, type Module } from '../nn/index.js';
import { Adam } from '../optim/index.js';
import { DataLoader, TensorDataset } from '../data/index.js';
import { TrialPruned, type Trial } from './trial.js';

/** The activations a search may choose, by name. */
export type NasActivation = 'relu' | 'tanh' | 'elu' | 'gelu';
const ACTIVATIONS: Record<NasActivation, () => Module> = {
  relu: () => new ReLU(),
  tanh: () => new Tanh(),
  elu: () => new ELU(),
  gelu: () => new GELU(),
};

/** The search space of `suggestMLP`; every range is inclusive. */
export interface MLPSearchSpace {
  inFeatures: number;
  outFeatures: number;
  /** Hidden layers, `[min, max]`. Default `[1, 3]`. */
  layers?: readonly [number, number];
  /** Width of each hidden layer, `[min, max]`, drawn on a log scale. Default `[16, 256]`. */
  width?: readonly [number, number];
  /** Default `['relu', 'tanh', 'elu', 'gelu']`. */
  activations?: readonly NasActivation[];
  /** Dropout after each activation, `[min, max]`. Default `[0, 0.5]`. */
  dropout?: readonly [number, number];
  /** Adam's learning rate, `[min, max]` on a log scale. Default `[1e-4, 1e-1]`. */
  lr?: readonly [number, number];
}

/** What `suggestMLP` drew: the untrained model and the settings that built it. */
export interface SuggestedMLP {
  model: Sequential;
  lr: number;
  config: { layers: number; widths: number[]; activation: NasActivation; dropout: number };
}

function checkRange(name: string, r: readonly [number, number], min: number): void {
  if (!(Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] >= min && r[0] <= r[1])) {
    throw new Error(`suggestMLP: \`${name}\` must be [min, max] with ${min} <= min <= max; got ${JSON.stringify(r)}. Pass e.g. ${name}: [${min}, ${Math.max(min, 1) * 4}].`);
  }
}

/**
 * Draws an MLP architecture from `trial`: parameters `nLayers`, `width0`… (one per hidden
 * layer that exists), `activation`, `dropout` and `lr`.
 *
 * ```ts
 * const { model, lr, config } = suggestMLP(trial, { inFeatures: 64, outFeatures: 10, layers: [1, 2] });
 * config.widths.length === config.layers; // true
 * ```
 */
export function suggestMLP(trial: Trial, space: MLPSearchSpace): SuggestedMLP {
  const { inFeatures, outFeatures } = space;
  for (const [name, v] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`suggestMLP: \`${name}\` must be a positive integer; got ${v}.`);
  }
  const layersRange = space.layers ?? [1, 3];
  const widthRange = space.width ?? [16, 256];
  const dropoutRange = space.dropout ?? [0, 0.5];
  const lrRange = space.lr ?? [1e-4, 1e-1];
  checkRange('layers', layersRange, 0);
  checkRange('width', widthRange, 1);
  checkRange('dropout', dropoutRange, 0);
  checkRange('lr', lrRange, Number.MIN_VALUE);
  if (dropoutRange[1] >= 1) throw new Error(`suggestMLP: \`dropout\` must stay below 1; got ${JSON.stringify(dropoutRange)}.`);
  const activations = space.activations ?? (Object.keys(ACTIVATIONS) as NasActivation[]);
  const unknown = activations.find((a) => !(a in ACTIVATIONS));
  if (activations.length === 0 || unknown !== undefined) {
    throw new Error(`suggestMLP: \`activations\` must be a non-empty list of ${Object.keys(ACTIVATIONS).join(', ')}; got ${JSON.stringify(activations)}.`);
  }

  const layers = trial.suggestInt('nLayers', layersRange[0], layersRange[1]);
  // Widths on a log scale: 16 → 32 matters as much as 128 → 256.
  const widths = Array.from({ length: layers }, (_, i) => trial.suggestInt(`width${i}`, widthRange[0], widthRange[1], { log: true }));
  const activation = trial.suggestCategorical('activation', activations);
  const dropout = trial.suggestFloat('dropout', dropoutRange[0], dropoutRange[1]);
  const lr = trial.suggestFloat('lr', lrRange[0], lrRange[1], { log: true });

  const mods: Module[] = [];
  let prev = inFeatures;
  for (const w of widths) {
    mods.push(new Linear(prev, w), ACTIVATIONS[activation]());
    if (dropout > 0) mods.push(new Dropout(dropout));
    prev = w;
  }
  mods.push(new Linear(prev, outFeatures));
  return { model: new Sequential(...mods), lr, config: { layers, widths, activation, dropout } };
}

/** Training and validation tensors for `trainMLPTrial` (class labels as int32). */
export interface NasData { xTrain: Tensor; yTrain: Tensor; xVal: Tensor; yVal: Tensor }

export interface TrainMLPOptions {
  lr: number;
  /** Default 10. */
  epochs?: number;
  /** Default 64. */
  batchSize?: number;
  /** Seeds the initialization, dropout and the batch order. Default 0. */
  seed?: number;
}

/**
 * Trains `model` with Adam on cross-entropy, reports the validation loss after every epoch
 * (`trial.report(loss, epoch)`) and throws `TrialPruned` when the study's pruner says so.
 * Returns the last validation loss; the validation accuracy is kept as the user attribute
 * `valAccuracy`.
 *
 * ```ts
 * const loss = trainMLPTrial(trial, model, { xTrain, yTrain, xVal, yVal }, { lr: 3e-3, epochs: 5 });
 * ```
 */
export function trainMLPTrial(trial: Trial, model: Module, data: NasData, options: TrainMLPOptions): number {
  const epochs = options.epochs ?? 10, batchSize = options.batchSize ?? 64, seed = options.seed ?? 0;
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`trainMLPTrial: \`epochs\` must be a positive integer; got ${epochs}.`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`trainMLPTrial: \`batchSize\` must be a positive integer; got ${batchSize}.`);
  if (!(options.lr > 0)) throw new Error(`trainMLPTrial: \`lr\` must be a number > 0; got ${options.lr}.`);
  manualSeed(seed);
  const opt = new Adam(model.parameters(), { lr: options.lr });
  const loader = new DataLoader(new TensorDataset(data.xTrain, data.yTrain), { batchSize, shuffle: true, generator: new Generator(seed + 1) });
  let loss = Infinity;
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    for (const [xb, yb] of loader) {
      opt.zeroGrad();
      F.crossEntropy(model.forward(xb) as Tensor, yb).backward();
      opt.step();
    }
    model.eval();
    const logits = noGrad(() => model.forward(data.xVal) as Tensor);
    loss = noGrad(() => F.crossEntropy(logits, data.yVal)).item() as number;
    if (!Number.isFinite(loss)) loss = Number.MAX_VALUE; // a diverged run is the worst, not NaN
    trial.setUserAttr('valAccuracy', logits.argmax(1).eq(data.yVal).astype('float32').mean().item() as number);
    trial.report(loss, epoch);
    if (trial.shouldPrune()) throw new TrialPruned(`pruned after epoch ${epoch} at validation loss ${loss.toFixed(4)}`);
  }
  return loss;
}
