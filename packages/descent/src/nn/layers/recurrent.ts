/**
 * Multi-layer recurrent networks `RNN`, `LSTM` and `GRU`, shaped like PyTorch's: the same
 * options (camelCase), the same input/output/state shapes, and the same parameter names,
 * `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` with a `_reverse`
 * suffix for the backward direction (kept in PyTorch's snake_case so a PyTorch state dict
 * loads one to one). The cell equations live in `recurrent-cells.ts`.
 *
 * Shapes (L = sequence length, N = batch, D = 2 if bidirectional else 1):
 *   input (L, N, inputSize), or (N, L, inputSize) with `batchFirst`, or unbatched (L, inputSize)
 *   h0, hN (numLayers·D, N, hiddenSize), or (numLayers·D, hiddenSize) unbatched (never batch-first)
 *   output (L, N, D·hiddenSize) (batch-first or unbatched as the input): the last layer's
 *   hidden state at every step, the two directions side by side.
 *
 * Speed: each layer and direction computes its input projections for all L steps in one
 * matmul (L·N rows); the loop over time then does one small matmul and a few elementwise
 * ops per step on contiguous (N, H) blocks.
 */
import { Tensor, concat, stack, zeros, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, type Parameter } from '../module.js';
import { dropout as dropoutFn } from './dropout.js';
import { GATES, gateMajorHH, gruStep, inputProjection, lstmStep, recurrentParam, rnnStep, type CellKind, type Nonlinearity } from './recurrent-cells.js';

export interface RNNOptions {
  /** Stacked recurrent layers, each reading the previous one's output (default 1). */
  numLayers?: number;
  /** Learn the biases b_ih and b_hh (default true). */
  bias?: boolean;
  /** Input and output are (N, L, features) instead of (L, N, features) (default false). */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training only (default 0). */
  dropout?: number;
  /** Run a second layer backwards in time and concatenate its outputs (default false). */
  bidirectional?: boolean;
  dtype?: DType;
}

/** The state a layer and direction carries through time: [h] or, for the LSTM, [h, c]. */
type State = Tensor[];

/**
 * `x.select(0, t)` for every t, as views. Backpropagation through time stays linear in L:
 * each view's gradient is added straight into one gradient buffer of x (autograd's
 * slice rule), not into a fresh zeros tensor of x's full size per step.
 */
function unbind0(x: Tensor): Tensor[] {
  return Array.from({ length: x.shape[0] }, (_, t) => x.select(0, t));
}

abstract class RNNBase extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  protected readonly numDirections: number;

  constructor(protected readonly kind: CellKind, readonly inputSize: number, readonly hiddenSize: number, options: RNNOptions, private readonly nonlinearity: Nonlinearity = 'tanh') {
    super();
    const name = this.constructor.name;
    this.numLayers = options.numLayers ?? 1;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = options.dropout ?? 0;
    this.bidirectional = options.bidirectional ?? false;
    this.numDirections = this.bidirectional ? 2 : 1;
    for (const [what, v] of [['inputSize', inputSize], ['hiddenSize', hiddenSize], ['numLayers', this.numLayers]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name}: ${what} must be a positive integer, got ${v}`);
    }
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new RangeError(`${name}: dropout must be a probability in [0, 1], got ${this.dropout}`);
    const G = GATES[kind];
    const dtype = options.dtype ?? 'float32';
    // PyTorch's order: per layer, per direction, weight_ih, weight_hh, bias_ih, bias_hh.
    for (let layer = 0; layer < this.numLayers; layer++) {
      const layerInput = layer === 0 ? inputSize : hiddenSize * this.numDirections;
      for (let dir = 0; dir < this.numDirections; dir++) {
        const sfx = this.suffix(layer, dir);
        const own = this as unknown as Record<string, Parameter>;
        own[`weight_ih${sfx}`] = recurrentParam([G * hiddenSize, layerInput], hiddenSize, dtype);
        own[`weight_hh${sfx}`] = recurrentParam([G * hiddenSize, hiddenSize], hiddenSize, dtype);
        if (this.bias) {
          own[`bias_ih${sfx}`] = recurrentParam([G * hiddenSize], hiddenSize, dtype);
          own[`bias_hh${sfx}`] = recurrentParam([G * hiddenSize], hiddenSize, dtype);
        }
      }
    }
  }

  private suffix(layer: number, dir: number): string {
    return `_l${layer}${dir === 1 ? '_reverse' : ''}`;
  }

  /** The parameter called `name + suffix`, looked up at call time so reassigned parameters are used. */
  private param(name: string, layer: number, dir: number): Tensor | null {
    return (this as unknown as Record<string, Tensor | undefined>)[`${name}${this.suffix(layer, dir)}`] ?? null;
  }

  /**
   * Runs the whole stack. `states` holds one initial state tensor per state kind (h, and c
   * for the LSTM), each (numLayers·D, N, H) or unbatched (numLayers·D, H); returns the
   * output and the final states in the same layout.
   */
  protected run(input: Tensor, states: (Tensor | undefined)[], stateNames: string[]): [Tensor, Tensor[]] {
    const name = this.constructor.name;
    const { inputSize: I, hiddenSize: H, numLayers, numDirections: D } = this;
    if ((input.ndim !== 2 && input.ndim !== 3) || input.shape[input.ndim - 1] !== I) {
      const layout = this.batchFirst ? '(N, L, inputSize)' : '(L, N, inputSize)';
      throw new RangeError(`${name}: expected input of shape ${layout} or unbatched (L, inputSize) with inputSize ${I}, got ${fmtShape(input.shape)}`);
    }
    const batched = input.ndim === 3;
    // x is (L, N, I) from here on.
    const x = !batched ? input.unsqueeze(1) : this.batchFirst ? input.transpose(0, 1) : input;
    const [L, N] = x.shape;
    const initial = states.map((s, k) => {
      const want = batched ? [numLayers * D, N, H] : [numLayers * D, H];
      if (s === undefined) return null;
      if (s.ndim !== want.length || s.shape.some((d, i) => d !== want[i])) {
        throw new RangeError(`${name}: expected ${stateNames[k]} of shape ${fmtShape(want)} (numLayers·numDirections, ${batched ? 'batch, ' : ''}hiddenSize), got ${fmtShape(s.shape)}`);
      }
      return batched ? s : s.unsqueeze(1); // (numLayers·D, N, H)
    });

    let layerInput = x;
    const finals: State[] = [];
    for (let layer = 0; layer < numLayers; layer++) {
      const outputs: Tensor[] = [];
      for (let dir = 0; dir < D; dir++) {
        const k = layer * D + dir;
        const start = initial.map((s) => (s ? s.select(0, k) : zeros([N, H], { dtype: this.param('weight_ih', layer, dir)!.dtype })));
        const [out, last] = this.runDirection(layerInput, L, N, layer, dir, start);
        outputs.push(out);
        finals.push(last);
      }
      layerInput = D === 1 ? outputs[0] : concat(outputs, 2); // (L, N, D·H)
      if (layer < numLayers - 1) layerInput = dropoutFn(layerInput, this.dropout, this.training);
    }

    let output = layerInput;
    if (!batched) output = output.squeeze(1);
    else if (this.batchFirst) output = output.transpose(0, 1);
    const finalStates = states.map((_, s) => {
      const st = stack(finals.map((f) => f[s]), 0); // (numLayers·D, N, H)
      return batched ? st : st.squeeze(1);
    });
    return [output, finalStates];
  }

  /** One layer in one direction over x (L, N, in): the outputs (L, N, H) and the final state. */
  private runDirection(x: Tensor, L: number, N: number, layer: number, dir: number, start: State): [Tensor, State] {
    const G = GATES[this.kind];
    const H = this.hiddenSize;
    const Wih = this.param('weight_ih', layer, dir)!;
    const WhhG = gateMajorHH(this.param('weight_hh', layer, dir)!, G);
    const bih = this.param('bias_ih', layer, dir);
    const bhh = this.param('bias_hh', layer, dir);
    // The GRU keeps b_hh inside the step (the reset gate multiplies b_hn); the others fold it in.
    const bias = bih && bhh && this.kind !== 'GRU' ? bih.add(bhh) : bih;
    const bhhG = this.kind === 'GRU' && bhh ? bhh.reshape([G, 1, H]) : null;
    const xi = inputProjection(x.reshape([L * N, x.shape[2]]), Wih, bias, G, [L, N]); // (L, G, N, H)

    const steps = unbind0(xi); // L views (G, N, H)
    const outs = new Array<Tensor>(L);
    let state = start;
    for (let s = 0; s < L; s++) {
      const t = dir === 0 ? s : L - 1 - s;
      const xt = steps[t];
      if (this.kind === 'LSTM') state = lstmStep(xt, state[0], state[1], WhhG);
      else if (this.kind === 'GRU') state = [gruStep(xt, state[0], WhhG, bhhG)];
      else state = [rnnStep(xt, state[0], WhhG, this.nonlinearity)];
      outs[t] = state[0];
    }
    return [stack(outs, 0), state];
  }

  protected override extraRepr(): string {
    const parts = [`${this.inputSize}, ${this.hiddenSize}`];
    if (this.kind === 'RNN' && this.nonlinearity !== 'tanh') parts.push(`nonlinearity='${this.nonlinearity}'`);
    if (this.numLayers !== 1) parts.push(`numLayers=${this.numLayers}`);
    if (!this.bias) parts.push('bias=false');
    if (this.batchFirst) parts.push('batchFirst=true');
    if (this.dropout) parts.push(`dropout=${this.dropout}`);
    if (this.bidirectional) parts.push('bidirectional=true');
    return parts.join(', ');
  }
}

/**
 * Elman RNN: h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh) (or ReLU with
 * `nonlinearity: 'relu'`), stacked `numLayers` deep. `forward(input, h0?)` returns
 * `[output, hN]`.
 *
 * ```ts
 * const rnn = new RNN(3, 8, { numLayers: 2 });
 * const [out, hN] = rnn.forward(randn([5, 4, 3]));   // (L=5, N=4, inputSize=3)
 * out.shape; hN.shape;                              // [5, 4, 8], [2, 4, 8]
 * ```
 */
export class RNN extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions & { nonlinearity?: Nonlinearity } = {}) {
    const nl = options.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') throw new RangeError(`RNN: nonlinearity must be 'tanh' or 'relu', got '${String(nl)}'`);
    super('RNN', inputSize, hiddenSize, options, nl);
  }

  forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [out, [hN]] = this.run(input, [h0], ['h0']);
    return [out, hN];
  }
}

/**
 * Long short-term memory, stacked `numLayers` deep, gates i, f, g, o as PyTorch.
 * `forward(input, [h0, c0]?)` returns `[output, [hN, cN]]`; h and c have the same shape.
 *
 * ```ts
 * const lstm = new LSTM(3, 8, { batchFirst: true, bidirectional: true });
 * const [out, [hN, cN]] = lstm.forward(randn([4, 5, 3]));   // (N=4, L=5, inputSize=3)
 * out.shape; hN.shape;                                     // [4, 5, 16], [2, 4, 8]
 * ```
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('LSTM', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx?: [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    const [out, [hN, cN]] = this.run(input, [hx?.[0], hx?.[1]], ['h0', 'c0']);
    return [out, [hN, cN]];
  }
}

/**
 * Gated recurrent unit, stacked `numLayers` deep, gates r, z, n as PyTorch (the reset gate
 * multiplies h·W_hnᵀ + b_hn). `forward(input, h0?)` returns `[output, hN]`.
 *
 * ```ts
 * const gru = new GRU(3, 8);
 * const [out, hN] = gru.forward(randn([5, 3]));   // unbatched (L=5, inputSize=3)
 * out.shape; hN.shape;                           // [5, 8], [1, 8]
 * ```
 */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('GRU', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [out, [hN]] = this.run(input, [h0], ['h0']);
    return [out, hN];
  }
}
