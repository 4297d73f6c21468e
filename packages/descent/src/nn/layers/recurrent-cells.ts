/**
 * Recurrent cells: one time step of an Elman RNN, an LSTM and a GRU, with PyTorch's
 * equations, gate order, parameter names and initialization (every weight and bias uniform
 * in ±1/√hiddenSize). The step functions here are shared with the multi-layer `RNN`,
 * `LSTM` and `GRU` in `recurrent.ts`, so a cell and a one-layer network compute the same
 * thing.
 *
 * Layout. PyTorch stacks the G gates of a cell in one weight, `weight_ih` (G·H, in) and
 * `weight_hh` (G·H, H), gate k in rows k·H … (k+1)·H. The steps below want each gate as
 * its own contiguous (B, H) block, so elementwise ops take their fast path and picking a
 * gate is a view: input projections are laid out gate-major (G, B, H), and `weight_hh` is
 * rearranged once per forward to (G, H, H) so that h (B, H) @ it gives (G, B, H) directly.
 *
 * Parameter names keep PyTorch's snake_case (`weight_ih`, `bias_hh`) rather than our
 * camelCase: state-dict keys are what map a PyTorch checkpoint onto these modules one to
 * one, so they must be spelled the same.
 */
import { Tensor, zeros, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, Parameter } from '../module.js';
import { uniformInit } from '../init.js';

/** How many gate blocks each kind of cell stacks in its weights. */
export const GATES = { RNN: 1, LSTM: 4, GRU: 3 } as const;
export type CellKind = keyof typeof GATES;
export type Nonlinearity = 'tanh' | 'relu';

/** A fresh parameter uniform in ±1/√hiddenSize, PyTorch's initialization for recurrent layers. */
export function recurrentParam(shape: number[], hiddenSize: number, dtype: DType): Parameter {
  const k = 1 / Math.sqrt(hiddenSize);
  return new Parameter(uniformInit(shape, -k, k, { dtype }));
}

/**
 * `weight_hh` (G·H, H) → (G, H, H) with block k transposed, so h (B, H) @ it is
 * (G, B, H) with block k = h·W_hkᵀ. One copy per forward, not per step.
 */
export function gateMajorHH(Whh: Tensor, G: number): Tensor {
  const H = Whh.shape[1];
  return Whh.reshape([G, H, H]).transpose(1, 2).contiguous(); // (G·H, H) → (G, H, H) → (G, H_in, H_out)
}

/**
 * The input projections x·W_ihᵀ + bias for every row of x in one matmul, gate-major:
 * x (R, in) → (G, R, H) when `rows` is undefined, or, with `rows = [T, B]` for x (T·B, in),
 * (T, G, B, H) so that step t reads the contiguous view `.select(0, t)`.
 */
export function inputProjection(x: Tensor, Wih: Tensor, bias: Tensor | null, G: number, rows?: [number, number]): Tensor {
  const H = Wih.shape[0] / G;
  let xi = x.matmul(Wih.T); // (R, G·H)
  if (bias) xi = xi.add(bias);
  if (rows === undefined) return xi.reshape([x.shape[0], G, H]).permute([1, 0, 2]).contiguous(); // (R, G, H) → (G, R, H)
  const [T, B] = rows;
  return xi.reshape([T, B, G, H]).permute([0, 2, 1, 3]).contiguous(); // (T, B, G, H) → (T, G, B, H)
}

/**
 * Elman RNN step: h' = act(xᵢ + h·W_hhᵀ), with xᵢ = x·W_ihᵀ + b_ih + b_hh already
 * computed. xi (1, B, H), h (B, H), WhhG (1, H, H) → (B, H).
 */
export function rnnStep(xi: Tensor, h: Tensor, WhhG: Tensor, nonlinearity: Nonlinearity): Tensor {
  const pre = xi.select(0, 0).add(h.matmul(WhhG.select(0, 0)));
  return nonlinearity === 'tanh' ? pre.tanh() : pre.relu();
}

/**
 * LSTM step (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000), gate
 * order i, f, g, o as PyTorch:
 *   i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of xᵢ + h·W_hhᵀ (biases folded into xᵢ),
 *   c' = f⊙c + i⊙g,  h' = o⊙tanh(c').
 * xi (4, B, H), h and c (B, H), WhhG (4, H, H) → [h', c'].
 */
export function lstmStep(xi: Tensor, h: Tensor, c: Tensor, WhhG: Tensor): [Tensor, Tensor] {
  const gates = xi.add(h.matmul(WhhG)); // (4, B, H)
  const i = gates.select(0, 0).sigmoid();
  const f = gates.select(0, 1).sigmoid();
  const g = gates.select(0, 2).tanh();
  const o = gates.select(0, 3).sigmoid();
  const cNext = f.mul(c).add(i.mul(g));
  return [o.mul(cNext.tanh()), cNext];
}

/**
 * GRU step (Cho et al. 2014), gate order r, z, n as PyTorch, with the reset gate applied
 * after the hidden projection (PyTorch's and cuDNN's variant):
 *   r = σ(x_r + h·W_hrᵀ + b_hr),  z = σ(x_z + h·W_hzᵀ + b_hz),
 *   n = tanh(x_n + r⊙(h·W_hnᵀ + b_hn)),  h' = (1 − z)⊙n + z⊙h = n + z⊙(h − n).
 * Here x_· = x·W_i·ᵀ + b_i· (xi, (3, B, H)); b_hh stays separate (bhhG (3, 1, H) or null)
 * because r multiplies b_hn. h (B, H), WhhG (3, H, H) → (B, H).
 */
export function gruStep(xi: Tensor, h: Tensor, WhhG: Tensor, bhhG: Tensor | null): Tensor {
  let hh = h.matmul(WhhG); // (3, B, H)
  if (bhhG) hh = hh.add(bhhG);
  const rz = xi.narrow(0, 0, 2).add(hh.narrow(0, 0, 2)).sigmoid(); // (2, B, H)
  const r = rz.select(0, 0);
  const z = rz.select(0, 1);
  const n = xi.select(0, 2).add(r.mul(hh.select(0, 2))).tanh();
  return n.add(z.mul(h.sub(n)));
}

export interface CellOptions {
  /** Learn the biases b_ih and b_hh (default true). */
  bias?: boolean;
  dtype?: DType;
}

/** Shared parts of the three cells: parameters, input checks, the initial state. */
abstract class CellBase extends Module {
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;
  protected readonly G: number;

  constructor(readonly kind: CellKind, readonly inputSize: number, readonly hiddenSize: number, options: CellOptions) {
    super();
    const name = `${kind}Cell`;
    for (const [what, v] of [['inputSize', inputSize], ['hiddenSize', hiddenSize]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name}: ${what} must be a positive integer, got ${v}`);
    }
    const G = GATES[kind];
    const dtype = options.dtype ?? 'float32';
    this.G = G;
    this.weight_ih = recurrentParam([G * hiddenSize, inputSize], hiddenSize, dtype);
    this.weight_hh = recurrentParam([G * hiddenSize, hiddenSize], hiddenSize, dtype);
    this.bias_ih = options.bias === false ? null : recurrentParam([G * hiddenSize], hiddenSize, dtype);
    this.bias_hh = options.bias === false ? null : recurrentParam([G * hiddenSize], hiddenSize, dtype);
  }

  /** input (B, in) or unbatched (in) → (B, in) and whether it was batched. */
  protected batchOf(input: Tensor): [Tensor, boolean] {
    const name = `${this.kind}Cell`;
    if ((input.ndim !== 1 && input.ndim !== 2) || input.shape[input.ndim - 1] !== this.inputSize) {
      throw new RangeError(`${name}: expected input of shape (batch, ${this.inputSize}) or (${this.inputSize}), got ${fmtShape(input.shape)}; the last dimension must be inputSize`);
    }
    return input.ndim === 2 ? [input, true] : [input.unsqueeze(0), false];
  }

  /** A given state checked against (B, H) (or (H) for unbatched input), or zeros. */
  protected stateOf(s: Tensor | undefined, B: number, batched: boolean, label: string): Tensor {
    const H = this.hiddenSize;
    if (s === undefined) return zeros([B, H], { dtype: this.weight_ih.dtype });
    const want = batched ? [B, H] : [H];
    if (s.ndim !== want.length || s.shape.some((d, i) => d !== want[i])) {
      throw new RangeError(`${this.kind}Cell: expected ${label} of shape ${fmtShape(want)} (${batched ? 'batch, ' : ''}hiddenSize) to match the input, got ${fmtShape(s.shape)}`);
    }
    return batched ? s : s.unsqueeze(0);
  }

  /** x·W_ihᵀ + biases, gate-major (G, B, H); b_hh is folded in except for the GRU. */
  protected project(x: Tensor): Tensor {
    let bias: Tensor | null = this.bias_ih;
    if (bias && this.bias_hh && this.kind !== 'GRU') bias = bias.add(this.bias_hh);
    return inputProjection(x, this.weight_ih, bias, this.G);
  }

  protected override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias_ih ? '' : ', bias=false'}`;
  }
}

/**
 * One step of an Elman RNN: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (or ReLU).
 * input (B, inputSize) or (inputSize), h (B, hiddenSize) or (hiddenSize), zeros if omitted.
 *
 * ```ts
 * const cell = new RNNCell(3, 5);
 * let h = zeros([2, 5]);
 * for (const x of randn([4, 2, 3]).split(1)) h = cell.forward(x.squeeze(0), h);
 * h.shape;   // [2, 5]
 * ```
 */
export class RNNCell extends CellBase {
  readonly nonlinearity: Nonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: CellOptions & { nonlinearity?: Nonlinearity } = {}) {
    super('RNN', inputSize, hiddenSize, options);
    this.nonlinearity = options.nonlinearity ?? 'tanh';
    if (this.nonlinearity !== 'tanh' && this.nonlinearity !== 'relu') {
      throw new RangeError(`RNNCell: nonlinearity must be 'tanh' or 'relu', got '${String(this.nonlinearity)}'`);
    }
  }

  forward(input: Tensor, hx?: Tensor): Tensor {
    const [x, batched] = this.batchOf(input);
    const h = this.stateOf(hx, x.shape[0], batched, 'hx');
    const out = rnnStep(this.project(x), h, gateMajorHH(this.weight_hh, 1), this.nonlinearity);
    return batched ? out : out.squeeze(0);
  }
}

/**
 * One LSTM step (gates i, f, g, o). input (B, inputSize) or (inputSize); state [h, c],
 * each (B, hiddenSize) or (hiddenSize), zeros if omitted. Returns [h', c'].
 *
 * ```ts
 * const cell = new LSTMCell(3, 5);
 * const [h, c] = cell.forward(randn([2, 3]));
 * h.shape;   // [2, 5]
 * ```
 */
export class LSTMCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('LSTM', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx?: [Tensor, Tensor]): [Tensor, Tensor] {
    const [x, batched] = this.batchOf(input);
    const h = this.stateOf(hx?.[0], x.shape[0], batched, 'h');
    const c = this.stateOf(hx?.[1], x.shape[0], batched, 'c');
    const [h1, c1] = lstmStep(this.project(x), h, c, gateMajorHH(this.weight_hh, 4));
    return batched ? [h1, c1] : [h1.squeeze(0), c1.squeeze(0)];
  }
}

/**
 * One GRU step (gates r, z, n). input (B, inputSize) or (inputSize), h (B, hiddenSize) or
 * (hiddenSize), zeros if omitted. Returns h'.
 *
 * ```ts
 * const cell = new GRUCell(3, 5);
 * cell.forward(randn([2, 3])).shape;   // [2, 5]
 * ```
 */
export class GRUCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('GRU', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx?: Tensor): Tensor {
    const [x, batched] = this.batchOf(input);
    const h = this.stateOf(hx, x.shape[0], batched, 'hx');
    const bhh = this.bias_hh ? this.bias_hh.reshape([3, 1, this.hiddenSize]) : null;
    const out = gruStep(this.project(x), h, gateMajorHH(this.weight_hh, 3), bhh);
    return batched ? out : out.squeeze(0);
  }
}
