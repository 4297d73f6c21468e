/**
 * Dynamically quantized LSTM (PyTorch's `quantize_dynamic` for `nn.LSTM`): the input and
 * recurrent weights are int8 per gate row, each step's input and hidden state are quantized
 * on the fly, and the gates are computed in float as usual (PyTorch's gate order i, f, g, o):
 *
 *     [i, f, g, o] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh
 *     c' = σ(f)·c + σ(i)·tanh(g),   h' = σ(o)·tanh(c')
 *
 * The matrix products are what an LSTM spends its time on, and they run on the int8 kernel.
 * One direction, any number of layers (no inter-layer dropout: this is for inference).
 */
import { stack, zeros, type Tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import type { LSTM } from '../nn/layers/recurrent.js';
import { QuantizedLinear } from './int8-linear.js';

/**
 * An LSTM with int8 weights, built from a float `LSTM` by `QuantizedLSTM.from`.
 *
 * ```ts
 * const q = QuantizedLSTM.from(new LSTM(8, 16, { batchFirst: true }));
 * const [out, [hN, cN]] = q.forward(randn([4, 10, 8]));   // out (4, 10, 16)
 * ```
 */
export class QuantizedLSTM extends Module {
  private constructor(readonly inputSize: number, readonly hiddenSize: number, readonly batchFirst: boolean, private readonly ih: QuantizedLinear[], private readonly hh: QuantizedLinear[]) {
    super();
  }

  static from(lstm: LSTM): QuantizedLSTM {
    if (lstm.bidirectional) throw new RangeError('QuantizedLSTM.from: bidirectional LSTMs are not supported; quantize each direction as its own LSTM');
    const own = lstm as unknown as Record<string, Tensor | undefined>;
    const ih: QuantizedLinear[] = [], hh: QuantizedLinear[] = [];
    for (let l = 0; l < lstm.numLayers; l++) {
      ih.push(QuantizedLinear.fromWeights(own[`weight_ih_l${l}`]!, own[`bias_ih_l${l}`] ?? null));
      hh.push(QuantizedLinear.fromWeights(own[`weight_hh_l${l}`]!, own[`bias_hh_l${l}`] ?? null));
    }
    return new QuantizedLSTM(lstm.inputSize, lstm.hiddenSize, lstm.batchFirst, ih, hh);
  }

  byteSize(): number {
    return [...this.ih, ...this.hh].reduce((a, q) => a + q.byteSize(), 0);
  }

  /** Input (L, N, inputSize), or (N, L, inputSize) with batchFirst; returns [output, [hN, cN]]. */
  forward(input: Tensor, hx?: [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    if (input.ndim !== 3 || input.shape[2] !== this.inputSize) {
      throw new RangeError(`QuantizedLSTM: expected batched input with inputSize ${this.inputSize}, got ${fmtShape(input.shape)}`);
    }
    const H = this.hiddenSize, layers = this.ih.length;
    let x = this.batchFirst ? input.transpose(0, 1) : input; // (L, N, I)
    const [L, N] = x.shape;
    const hs: Tensor[] = [], cs: Tensor[] = [];
    for (let l = 0; l < layers; l++) {
      let h = hx ? hx[0].select(0, l) : zeros([N, H]);
      let c = hx ? hx[1].select(0, l) : zeros([N, H]);
      const xi = this.ih[l].forward(x.contiguous().reshape([L * N, x.shape[2]])).reshape([L, N, 4 * H]); // all steps at once
      const outs: Tensor[] = [];
      for (let t = 0; t < L; t++) {
        const gates = xi.select(0, t).add(this.hh[l].forward(h)); // (N, 4H)
        const i = gates.narrow(1, 0, H).sigmoid(), f = gates.narrow(1, H, H).sigmoid();
        const g = gates.narrow(1, 2 * H, H).tanh(), o = gates.narrow(1, 3 * H, H).sigmoid();
        c = f.mul(c).add(i.mul(g));
        h = o.mul(c.tanh());
        outs.push(h);
      }
      hs.push(h); cs.push(c);
      x = stack(outs, 0); // (L, N, H)
    }
    const out = this.batchFirst ? x.transpose(0, 1) : x;
    return [out, [stack(hs, 0), stack(cs, 0)]];
  }

  protected override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}, numLayers=${this.ih.length}${this.batchFirst ? ', batchFirst' : ''}`;
  }
}

