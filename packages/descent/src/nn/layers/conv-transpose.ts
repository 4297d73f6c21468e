/**
 * Transposed convolution ("deconvolution", fractionally strided convolution): the adjoint
 * of a 2-D convolution, used to upsample in decoders and generators. Where a convolution
 * gathers a kh×kw window into one output pixel, a transposed convolution scatters each input
 * pixel, scaled by the kernel, into a kh×kw window of the output:
 *
 *   columns = Wᵀ (Cout·kh·kw, Cin) @ x (N, Cin, H·W)    then col2im (`fold2d`) adds them up.
 *
 * Output size (PyTorch's formula; Dumoulin & Visin 2016, "A guide to convolution arithmetic"):
 *   Hout = (H − 1)·stride − 2·padding + dilation·(kh − 1) + outputPadding + 1
 * `padding` crops the scattered image on both sides; `outputPadding` adds rows/columns at the
 * end, which only picks among the several input sizes a strided convolution maps to one size.
 */
import { Tensor, concat, fold2d, pad, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, type Parameter } from '../module.js';
import { convParameters, convRepr, pair, type Pair } from './conv.js';

export interface ConvTranspose2dOptions {
  stride?: Pair;
  padding?: Pair;
  outputPadding?: Pair;
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

/**
 * 2-D transposed convolution: (N, Cin, H, W) with weight (Cin, Cout/groups, kh, kw) → (N, Cout, Hout, Wout).
 *
 * ```ts
 * const x = randn([1, 8, 7, 7]);
 * convTranspose2d(x, randn([8, 4, 4, 4]), null, { stride: 2, padding: 1 }).shape; // [1, 4, 14, 14]
 * ```
 */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Omit<ConvTranspose2dOptions, 'bias'> = {}): Tensor {
  if (x.ndim === 3) return convTranspose2d(x.unsqueeze(0), weight, bias, options).squeeze(0);
  if (x.ndim !== 4) throw new RangeError(`convTranspose2d: expected input of shape (N, C, H, W) or unbatched (C, H, W), got ${fmtShape(x.shape)}`);
  if (weight.ndim !== 4) throw new RangeError(`convTranspose2d: expected a weight of shape (Cin, Cout/groups, kh, kw), got ${fmtShape(weight.shape)}`);
  const [N, Cin, H, W] = x.shape;
  const [Cw, Og, kh, kw] = weight.shape;
  const groups = options.groups ?? 1;
  if (Cin !== Cw) throw new RangeError(`convTranspose2d: input has ${Cin} channels but the weight (shape ${fmtShape(weight.shape)}) expects ${Cw}`);
  if (Cin % groups !== 0) throw new RangeError(`convTranspose2d: in channels (${Cin}) must be divisible by groups (${groups})`);
  const [sh, sw] = pair(options.stride ?? 1), [ph, pw] = pair(options.padding ?? 0);
  const [oph, opw] = pair(options.outputPadding ?? 0), [dh, dw] = pair(options.dilation ?? 1);
  if (oph >= Math.max(sh, dh) || opw >= Math.max(sw, dw) || oph < 0 || opw < 0) {
    throw new RangeError(`convTranspose2d: outputPadding (${oph}, ${opw}) must be smaller than the stride (${sh}, ${sw}) or the dilation (${dh}, ${dw})`);
  }
  const Hout = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1;
  const Wout = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
  if (Hout < 1 || Wout < 1) throw new RangeError(`convTranspose2d: padding (${ph}, ${pw}) leaves no output for a ${H}×${W} input; use less padding`);

  // Scatter every pixel into the full, uncropped image: (H−1)·s + d·(k−1) + 1 rows.
  const Hraw = (H - 1) * sh + dh * (kh - 1) + 1, Wraw = (W - 1) * sw + dw * (kw - 1) + 1;
  const geo = { kernelSize: [kh, kw] as [number, number], stride: [sh, sw] as [number, number], dilation: [dh, dw] as [number, number] };
  const Cg = Cin / groups;
  const outs: Tensor[] = [];
  for (let gi = 0; gi < groups; gi++) {
    const xg = (groups === 1 ? x : x.narrow(1, gi * Cg, Cg)).reshape([N, Cg, H * W]);
    const wg = (groups === 1 ? weight : weight.narrow(0, gi * Cg, Cg)).reshape([Cg, Og * kh * kw]);
    const cols = wg.transpose(0, 1).matmul(xg); // (Og·kh·kw, Cg) @ (N, Cg, H·W) → (N, Og·kh·kw, H·W)
    outs.push(fold2d(cols, [Hraw, Wraw], geo)); // (N, Og, Hraw, Wraw)
  }
  let y = groups === 1 ? outs[0] : concat(outs, 1);
  // Crop `padding` from both sides; outputPadding may reach past the scattered image: zeros there.
  const extraH = Math.max(0, ph + Hout - Hraw), extraW = Math.max(0, pw + Wout - Wraw);
  if (extraH > 0 || extraW > 0) y = pad(y, [[0, extraH], [0, extraW]]);
  y = y.slice(null, null, [ph, ph + Hout], [pw, pw + Wout]);
  return bias ? y.add(bias.reshape([1, -1, 1, 1])) : y;
}

/**
 * A transposed-convolution layer with PyTorch's parameter layout (weight (Cin, Cout/groups, kh, kw))
 * and initialization. `forward(x, outputSize?)` may name the wanted (H, W), which picks the
 * output padding, as PyTorch's `output_size` argument does.
 *
 * ```ts
 * const up = new ConvTranspose2d(16, 8, 4, { stride: 2, padding: 1 });
 * up.forward(randn([2, 16, 7, 7])).shape; // [2, 8, 14, 14]
 * ```
 */
export class ConvTranspose2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: [number, number];

  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, readonly options: ConvTranspose2dOptions & { dtype?: DType } = {}) {
    super();
    this.kernelSize = pair(kernelSize);
    // PyTorch computes fan_in from this layout's second axis: (Cout/groups)·kh·kw.
    ({ weight: this.weight, bias: this.bias } = convParameters('ConvTranspose2d', inChannels, outChannels, this.kernelSize, options, true));
  }

  forward(x: Tensor, outputSize?: [number, number]): Tensor {
    let outputPadding = this.options.outputPadding;
    if (outputSize) {
      const [sh, sw] = pair(this.options.stride ?? 1), [ph, pw] = pair(this.options.padding ?? 0), [dh, dw] = pair(this.options.dilation ?? 1);
      const [H, W] = x.shape.slice(-2);
      const minH = (H - 1) * sh - 2 * ph + dh * (this.kernelSize[0] - 1) + 1;
      const minW = (W - 1) * sw - 2 * pw + dw * (this.kernelSize[1] - 1) + 1;
      const op: [number, number] = [outputSize[0] - minH, outputSize[1] - minW];
      if (op[0] < 0 || op[1] < 0 || op[0] >= Math.max(sh, dh) || op[1] >= Math.max(sw, dw)) {
        throw new RangeError(`ConvTranspose2d: outputSize (${outputSize.join(', ')}) is not reachable from a ${H}×${W} input; valid sizes range from (${minH}, ${minW}) to (${minH + Math.max(sh, dh) - 1}, ${minW + Math.max(sw, dw) - 1})`);
      }
      outputPadding = op;
    }
    return convTranspose2d(x, this.weight, this.bias, { ...this.options, outputPadding });
  }

  protected override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, `(${this.kernelSize.join(', ')})`, this.options);
  }
}
