/**
 * Counting the floating-point operations of one forward pass from a model's module shapes.
 *
 * Convention (stated, because tools differ): a multiply-add is 2 FLOPs (so FLOPs = 2·MACs;
 * fvcore and ptflops report MACs, half these numbers), adding a bias is 1 FLOP per output
 * element, and elementwise layers cost a fixed number per element (table in `countLayer`).
 * The count is for inference: batch norm uses its running statistics (2 FLOPs an element,
 * a scale and a shift), dropout costs nothing. A backward pass costs about twice the
 * forward (one matmul for the input gradient, one for the weight gradient), so a training
 * step is ≈ 3× these numbers (Kaplan et al. 2020 use the same 6·params·tokens rule).
 */
import { Tensor, noGrad, zeros } from '../tensor/index.js';
import type { Module } from './module.js';
import { Bilinear, Linear } from './layers/linear.js';
import { AdaptiveAvgPool2d, AvgPool2d, Conv2d, MaxPool2d } from './layers/conv.js';
import { AvgPool1d, Conv1d, MaxPool1d } from './layers/conv1d.js';
import { ConvTranspose2d } from './layers/conv-transpose.js';
import { BatchNorm1d, BatchNorm2d, GroupNorm } from './layers/batch-norm.js';
import { LayerNorm } from './layers/layer-norm.js';
import { RMSNorm } from './layers/rms-norm.js';
import { MultiheadAttention } from './layers/attention.js';
import { GRU, LSTM, RNN } from './layers/recurrent.js';
import { ELU, GELU, Hardtanh, LeakyReLU, LogSoftmax, Mish, ReLU, Sigmoid, SiLU, Softmax, Softplus, Tanh } from './layers/activation.js';
import { Dropout } from './layers/dropout.js';
import { Embedding } from './layers/embedding.js';
import { Flatten, Identity } from './layers/container.js';

export interface LayerFlops {
  /** The module's path in the model (`namedModules`), e.g. `0` or `encoder.fc1`. */
  name: string;
  type: string;
  flops: number;
  outputShape: number[];
}

export interface FlopCount {
  total: number;
  layers: LayerFlops[];
  /** Modules with parameters that the counter has no rule for (their cost is not in `total`). */
  uncounted: string[];
}

const ACTIVATIONS = [ReLU, LeakyReLU, Hardtanh, Sigmoid, Tanh, GELU, SiLU, ELU, Softplus, Mish];
const FREE = [Dropout, Embedding, Flatten, Identity];
const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** FLOPs of one module call, or null if the module is not one the counter knows. */
function countLayer(m: Module, inputs: unknown[], output: unknown): number | null {
  const out = (Array.isArray(output) ? output[0] : output) as Tensor;
  const x = inputs[0] as Tensor;
  const nOut = out.size;
  if (m instanceof Linear) {
    // (…, in) @ (in, out): 2·in per output element.
    return nOut * 2 * m.inFeatures + (m.bias ? nOut : 0);
  }
  if (m instanceof Bilinear) {
    // y_k = x1ᵀ·W_k·x2 + b_k: W_k·x2 is in1·in2 multiply-adds, then in1 more for x1ᵀ·(…).
    return nOut * 2 * (m.in1Features * m.in2Features + m.in1Features) + (m.bias ? nOut : 0);
  }
  if (m instanceof Conv2d || m instanceof Conv1d) {
    // weight (Cout, Cin/groups, k…): each output element is a dot product of that length.
    return nOut * 2 * prod(m.weight.shape.slice(1)) + (m.bias ? nOut : 0);
  }
  if (m instanceof ConvTranspose2d) {
    // weight (Cin, Cout/groups, kh, kw): each input element is scattered into Cout/g·kh·kw outputs.
    return x.size * 2 * prod(m.weight.shape.slice(1)) + (m.bias ? nOut : 0);
  }
  if (m instanceof MaxPool2d || m instanceof AvgPool2d) {
    // One compare (max) or add (average) per window element and output.
    const k = m.kernelSize;
    return nOut * (typeof k === 'number' ? k * k : prod(k));
  }
  if (m instanceof MaxPool1d || m instanceof AvgPool1d) return nOut * m.kernelSize;
  if (m instanceof AdaptiveAvgPool2d) return x.size + nOut; // every input summed once, one divide per output
  if (m instanceof BatchNorm1d || m instanceof BatchNorm2d) return 2 * nOut;
  if (m instanceof LayerNorm || m instanceof GroupNorm) {
    // mean (1), centre (1), square and sum for the variance (2), scale by 1/σ (1); affine adds 2.
    return nOut * (5 + (m.weight ? 2 : 0));
  }
  if (m instanceof RMSNorm) return nOut * (3 + (m.weight ? 1 : 0)); // square+sum (2), scale (1), gain (1)
  if (m instanceof Softmax || m instanceof LogSoftmax) return 3 * nOut; // exp, sum, divide (or log)
  if (ACTIVATIONS.some((C) => m instanceof C)) return nOut;
  if (FREE.some((C) => m instanceof C)) return 0;
  if (m instanceof MultiheadAttention) return attentionFlops(m, inputs as Tensor[]);
  if (m instanceof RNN || m instanceof LSTM || m instanceof GRU) return recurrentFlops(m, x);
  return null;
}

/** Projections, scores Q·Kᵀ, weights·V and the output projection; the softmax is not counted. */
function attentionFlops(m: MultiheadAttention, [q, k]: Tensor[]): number {
  const E = m.embedDim;
  const batched = q.ndim === 3;
  const seq = (t: Tensor) => (batched ? (m.batchFirst ? t.shape[1] : t.shape[0]) : t.shape[0]);
  const N = batched ? (m.batchFirst ? q.shape[0] : q.shape[1]) : 1;
  const L = seq(q);
  const S = seq(k);
  const bias = m.in_proj_bias ? 1 : 0;
  const proj = N * (L * E * (2 * E + bias) + S * E * (2 * m.kdim + bias) + S * E * (2 * m.vdim + bias));
  const attend = N * 2 * (2 * L * S * E); // Q·Kᵀ and P·V over all heads
  const out = N * L * E * (2 * E + (m.out_proj.bias ? 1 : 0));
  return proj + attend + out;
}

/** Per step, layer and direction: G gates of (in + H) → H matmuls plus two bias vectors. */
function recurrentFlops(m: RNN | LSTM | GRU, x: Tensor): number {
  const G = m instanceof LSTM ? 4 : m instanceof GRU ? 3 : 1;
  const H = m.hiddenSize;
  const D = m.bidirectional ? 2 : 1;
  const batched = x.ndim === 3;
  const L = batched && m.batchFirst ? x.shape[1] : x.shape[0];
  const N = batched ? (m.batchFirst ? x.shape[0] : x.shape[1]) : 1;
  let perStep = 0;
  for (let layer = 0; layer < m.numLayers; layer++) {
    const inSize = layer === 0 ? m.inputSize : H * D;
    perStep += D * (2 * G * H * (inSize + H) + (m.bias ? 2 * G * H : 0));
  }
  return L * N * perStep;
}

/**
 * FLOPs of one forward pass of `model` on an input of `inputShape` (zeros), or on the given
 * tensor(s) when the model needs particular values (token indices for an embedding). Runs
 * the model once in evaluation mode with forward hooks, then restores training mode.
 * Modules the counter knows are counted whole (their children are not counted again);
 * containers are walked into.
 *
 * ```ts
 * const mlp = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
 * countFlops(mlp, [1, 784]).total; // (2·784 + 1)·128 + 128 + (2·128 + 1)·10 = 203,530
 * ```
 */
export function countFlops(model: Module, input: readonly number[] | Tensor | Tensor[]): FlopCount {
  const args = input instanceof Tensor ? [input] : Array.isArray(input) && input.every((t) => t instanceof Tensor) && input.length > 0 ? (input as Tensor[]) : null;
  if (args === null) {
    const shape = input as readonly number[];
    if (!shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new RangeError(`countFlops: inputShape must be positive integers such as [1, 3, 32, 32], got [${shape.join(', ')}]`);
    }
  }
  const xs = args ?? [zeros([...(input as number[])], { dtype: model.parameters()[0]?.dtype ?? 'float32' })];
  const layers: LayerFlops[] = [];
  const uncounted: string[] = [];
  const removers: (() => void)[] = [];
  const visit = (name: string, m: Module, isRoot: boolean): void => {
    if (known(m)) {
      removers.push(m.registerForwardHook((mod, inputs, output) => {
        const flops = countLayer(mod, inputs, output) ?? 0;
        const out = (Array.isArray(output) ? output[0] : output) as Tensor;
        layers.push({ name: name || mod.constructor.name, type: mod.constructor.name, flops, outputShape: [...out.shape] });
        return undefined;
      }));
      return;
    }
    const children = m.namedChildren();
    if (children.length === 0 && m.parameters().length > 0) uncounted.push(isRoot ? m.constructor.name : `${name} (${m.constructor.name})`);
    for (const [child, c] of children) visit(name ? `${name}.${child}` : child, c, false);
  };
  visit('', model, true);
  const modes = model.modules().map((m) => m.training);
  model.eval();
  try {
    noGrad(() => (model.forward as (...a: unknown[]) => unknown)(...xs));
  } finally {
    removers.forEach((r) => r());
    model.modules().forEach((m, i) => { m.training = modes[i]; });
  }
  return { total: layers.reduce((s, l) => s + l.flops, 0), layers, uncounted };
}

/**
 * The forward cost of each layer countFlops knows, as a formula (B = batch, L = sequence length,
 * S = key length, E = embedding size, H = hidden size, G = gates, C = channels, k = kernel size,
 * g = groups; "out" is the number of output elements). Training costs ≈ 3× (forward + backward).
 */
export const LAYER_FLOP_FORMULAS: Record<string, string> = {
  Linear: 'out·(2·in + 1)',
  Bilinear: 'out·(2·(in1·in2 + in1) + 1)',
  Conv1d: 'out·(2·(Cin/g)·k + 1)',
  Conv2d: 'out·(2·(Cin/g)·kh·kw + 1)',
  ConvTranspose2d: 'in·2·(Cout/g)·kh·kw + out',
  MaxPool1d: 'out·k',
  AvgPool1d: 'out·k',
  MaxPool2d: 'out·kh·kw',
  AvgPool2d: 'out·kh·kw',
  AdaptiveAvgPool2d: 'in + out',
  BatchNorm1d: '2·out (inference: scale and shift)',
  BatchNorm2d: '2·out (inference: scale and shift)',
  GroupNorm: '(5 + 2·affine)·out',
  LayerNorm: '(5 + 2·affine)·out',
  RMSNorm: '(3 + affine)·out',
  Softmax: '3·out',
  LogSoftmax: '3·out',
  MultiheadAttention: 'B·(L·E·(2E+1) + 2·S·E·(2E+1) + 4·L·S·E + L·E·(2E+1))',
  RNN: 'B·L·Σ_layers D·G·H·(2·(in + H) + 2), G = 1',
  LSTM: 'B·L·Σ_layers D·G·H·(2·(in + H) + 2), G = 4',
  GRU: 'B·L·Σ_layers D·G·H·(2·(in + H) + 2), G = 3',
  ReLU: 'out', LeakyReLU: 'out', Hardtanh: 'out', Sigmoid: 'out', Tanh: 'out', GELU: 'out', SiLU: 'out', ELU: 'out', Softplus: 'out', Mish: 'out',
  Dropout: '0 (inference)', Embedding: '0 (a lookup)', Flatten: '0', Identity: '0',
};

const KNOWN = [Linear, Bilinear, Conv1d, Conv2d, ConvTranspose2d, MaxPool1d, AvgPool1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d,
  BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm, RMSNorm, Softmax, LogSoftmax, MultiheadAttention, RNN, LSTM, GRU, ...ACTIVATIONS, ...FREE];
/** The layer classes countFlops has a rule for (LAYER_FLOP_FORMULAS documents each). */
export const COUNTED_LAYERS: readonly string[] = KNOWN.map((C) => C.name);

function known(m: Module): boolean {
  return KNOWN.some((C) => m instanceof C);
}
