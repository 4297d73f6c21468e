/**
 * Conv1d, MaxPool1d, AvgPool1d and ConvTranspose2d against PyTorch (tools/fixtures/nn_conv.py,
 * float64): outputs and the gradients of input, weight and bias, through the modules; plus
 * central-difference gradient checks and the error messages.
 */
import { describe, expect, it } from 'vitest';
import { randn, type Tensor } from '../../src/tensor/index.js';
import { AvgPool1d, Conv1d, ConvTranspose2d, F, MaxPool1d, MaxPool2d, Parameter } from '../../src/nn/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';
import { gradcheck } from '../helpers/gradcheck.js';

type Kw = Record<string, never>;
interface Case { name: string; op: string; kwargs: Kw; inputs: EncodedTensor[]; output: EncodedTensor; upstream: EncodedTensor; grads: EncodedTensor[] }
const fx = loadFixture<{ source: string; cases: Case[]; outputSize: { sizes: number[][] } }>('nn-conv.json');

const OPS: Record<string, (xs: Tensor[], kw: Kw) => Tensor> = {
  conv1d: ([x, W, b], kw) => {
    const m = new Conv1d(W.shape[1] * (kw.groups ?? 1), W.shape[0], W.shape[2], { stride: kw.stride, padding: kw.padding, dilation: kw.dilation, groups: kw.groups, dtype: 'float64' });
    m.weight = W as Parameter;
    m.bias = b as Parameter;
    return m.forward(x);
  },
  maxPool1d: ([x], kw) => new MaxPool1d(kw.kernelSize, kw.stride, kw.padding).forward(x),
  maxPool2d: ([x], kw) => new MaxPool2d(kw.kernelSize, kw.stride, kw.padding).forward(x),
  avgPool1d: ([x], kw) => new AvgPool1d(kw.kernelSize, kw.stride, kw.padding).forward(x),
  convTranspose2d: ([x, W, b], kw) => {
    const groups = kw.groups ?? 1;
    const m = new ConvTranspose2d(W.shape[0], W.shape[1] * groups, [W.shape[2], W.shape[3]], {
      stride: kw.stride, padding: kw.padding, outputPadding: kw.outputPadding, dilation: kw.dilation, groups, dtype: 'float64',
    });
    m.weight = W as Parameter;
    m.bias = b as Parameter;
    return m.forward(x);
  },
};

describe(`1-D convolution and pooling, max-pooling ties, transposed convolution match ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const inputs = c.inputs.map((e) => decode(e).requiresGrad_());
      const out = OPS[c.op](inputs, c.kwargs);
      expectClose(out, c.output, undefined, `${c.name} output`);
      out.mul(decode(c.upstream)).sum().backward();
      c.grads.forEach((g, k) => expectClose(inputs[k].grad!, g, undefined, `${c.name} grad of input ${k}`));
    });
  }
});

describe('central-difference gradient checks', () => {
  for (const c of fx.cases) {
    if (c.op.startsWith('maxPool')) continue; // max has kinks; its gradient is checked against PyTorch above
    it(c.name, () => gradcheck((xs) => OPS[c.op](xs, c.kwargs), c.inputs.map((e) => decode(e)), decode(c.upstream), c.name, 1e-6, 1e-5, c.inputs.map(() => true)));
  }
});

describe('shapes, outputSize and errors', () => {
  it('ConvTranspose2d(outputSize) picks the output padding PyTorch picks', () => {
    const m = new ConvTranspose2d(3, 2, 3, { stride: 2, padding: 1 });
    const x = randn([1, 3, 5, 5]);
    const got = [[9, 9], [10, 9], [10, 10]].map(([h, w]) => m.forward(x, [h, w]).shape.slice(-2));
    expect(got).toEqual(fx.outputSize.sizes);
    expect(() => m.forward(x, [12, 9])).toThrow(/not reachable from a 5×5 input; valid sizes range from \(9, 9\) to \(10, 10\)/);
  });

  it('a transposed convolution undoes the shape of the strided convolution it mirrors', () => {
    const x = randn([2, 4, 14, 14]);
    const down = F.conv2d(x, randn([8, 4, 4, 4]), null, { stride: 2, padding: 1 });
    expect(down.shape).toEqual([2, 8, 7, 7]);
    expect(F.convTranspose2d(down, randn([8, 4, 4, 4]), null, { stride: 2, padding: 1 }).shape).toEqual([2, 4, 14, 14]);
  });

  it('a transposed convolution is the adjoint of the convolution: <conv(x), y> = <x, convT(y)>', () => {
    const x = randn([2, 3, 9, 8], { dtype: 'float64' });
    const W = randn([5, 3, 3, 2], { dtype: 'float64' });
    const opts = { stride: [2, 3] as [number, number], padding: [1, 1] as [number, number], dilation: [2, 1] as [number, number] };
    const y = randn(F.conv2d(x, W, null, opts).shape, { dtype: 'float64' });
    // Output 4×3; the transposed convolution maps 3 columns back to only 6 of the 8, so
    // outputPadding (0, 2) asks for the full 9×8 (the extra columns see no window: zeros).
    const back = F.convTranspose2d(y, W, null, { ...opts, outputPadding: [0, 2] });
    expect(back.shape).toEqual(x.shape);
    expect(F.conv2d(x, W, null, opts).mul(y).sum().item()).toBeCloseTo(x.mul(back).sum().item(), 9);
  });

  it('clear errors', () => {
    expect(() => F.conv1d(randn([2, 3, 4, 5]), randn([4, 3, 3]))).toThrow(/expected input of shape \(N, C, L\) or unbatched \(C, L\), got \(2,3,4,5\)/);
    expect(() => F.conv1d(randn([2, 3, 5]), randn([4, 2, 3]))).toThrow(/input has 3 channels but the weight expects 2/);
    expect(() => new Conv1d(3, 4, 3, { groups: 2 })).toThrow(/divisible by groups/);
    expect(() => F.convTranspose2d(randn([1, 3, 4, 4]), randn([2, 2, 3, 3]))).toThrow(/input has 3 channels but the weight .* expects 2/);
    expect(() => F.convTranspose2d(randn([1, 3, 4, 4]), randn([3, 2, 3, 3]), null, { stride: 2, outputPadding: 2 })).toThrow(/outputPadding \(2, 2\) must be smaller than the stride/);
    expect(() => F.maxPool1d(randn([5]), 2)).toThrow(/maxPool1d: expected input of shape/);
  });

  it('module defaults and repr follow PyTorch', () => {
    const c = new ConvTranspose2d(6, 4, 3, { stride: 2, groups: 2 });
    expect(c.weight.shape).toEqual([6, 2, 3, 3]);
    const bound = 1 / Math.sqrt(2 * 9);
    expect(Math.max(...c.bias!.toArray() as number[])).toBeLessThanOrEqual(bound);
    expect(c.toString()).toContain('ConvTranspose2d(6, 4, kernelSize=(3, 3), stride=2, groups=2)');
    expect(new Conv1d(2, 3, 5).weight.shape).toEqual([3, 2, 5]);
    expect(new MaxPool1d(3).toString()).toContain('kernelSize=3, stride=3');
  });
});
