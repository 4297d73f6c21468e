/**
 * Focal, multi-class hinge, pinball and contrastive losses (nn/functional/losses-extra.ts)
 * against PyTorch/torchvision in float64 (tools/fixtures/nn_losses.py): values and the
 * gradient of sum(loss · upstream), then the same gradients by central differences, and
 * the errors bad arguments get.
 */
import { describe, it, expect } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import { F } from '../../src/nn/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor, expectMatchesGradCase } from '../helpers/fixtures.js';
import { gradcheck } from '../helpers/gradcheck.js';

type Kw = { alpha?: number; gamma?: number; p?: 1 | 2; margin?: number; quantile?: number; reduction?: F.Reduction };
interface Case { name: string; op: string; kwargs: Kw; inputs: EncodedTensor[]; output: EncodedTensor; upstream: EncodedTensor; grads: (EncodedTensor | null)[] }
const fx = loadFixture<{ source: string; cases: Case[] }>('nn-losses.json');

const OPS: Record<string, (xs: Tensor[], kw: Kw) => Tensor> = {
  focal: ([z, y], kw) => F.sigmoidFocalLoss(z, y, kw),
  multiMargin: ([s, y, w], kw) => F.multiMarginLoss(s, y, { ...kw, ...(w ? { weight: w } : {}) }),
  quantile: ([yhat, y], kw) => F.quantileLoss(yhat, y, kw.quantile, kw.reduction),
  contrastive: ([a, b, same], kw) => F.contrastiveLoss(a, b, same, kw),
};

describe(`extra losses match ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => expectMatchesGradCase(c, (inputs) => OPS[c.op](inputs, c.kwargs)));
  }
});

describe('extra losses pass central-difference gradient checks', () => {
  // The fixtures keep residuals and margins away from the kinks, so differences are exact enough.
  for (const c of fx.cases) {
    it(c.name, () => gradcheck((xs) => OPS[c.op](xs, c.kwargs), c.inputs.map((e) => decode(e)), decode(c.upstream), c.name, 1e-6, 1e-5, c.grads.map((g) => g !== null)));
  }
});

describe('extra losses: small hand-checked values and clear errors', () => {
  it('hand-computed values', () => {
    expect(F.multiMarginLoss(tensor([[0.1, 0.8, 0.2]], { dtype: 'float64' }), [1]).item()).toBeCloseTo(0.7 / 3, 12);
    expect(F.quantileLoss(tensor([1, 2], { dtype: 'float64' }), tensor([2, 0], { dtype: 'float64' }), 0.9).item()).toBeCloseTo(0.55, 12);
    expect(F.contrastiveLoss(tensor([[0, 0]], { dtype: 'float64' }), tensor([[3, 4]], { dtype: 'float64' }), [0], { margin: 6 }).item()).toBeCloseTo(0.5, 5);
  });
  it('focal loss with gamma 0 and no alpha is binary cross-entropy', () => {
    const z = tensor([-2, -0.3, 0, 1.7], { dtype: 'float64' });
    const y = tensor([0, 1, 1, 0], { dtype: 'float64' });
    expectClose(F.sigmoidFocalLoss(z, y, { alpha: -1, gamma: 0 }), F.binaryCrossEntropyWithLogits(z, y, { reduction: 'none' }));
  });
  it('names the function and the fix', () => {
    const x = tensor([[1, 2]]);
    expect(() => F.sigmoidFocalLoss(x, tensor([[1]]))).toThrow(/sigmoidFocalLoss: input has shape/);
    expect(() => F.sigmoidFocalLoss(x, tensor([[1, 0]]), { gamma: -1 })).toThrow(/gamma must be a number >= 0/);
    expect(() => F.multiMarginLoss(x, [2])).toThrow(/multiMarginLoss: target 2 is not a class index in 0..1/);
    expect(() => F.multiMarginLoss(x, [0, 1])).toThrow(/2 targets for 1 rows/);
    expect(() => F.quantileLoss(x, x, 1)).toThrow(/quantileLoss: quantile must be in \(0, 1\)/);
    expect(() => F.contrastiveLoss(x, tensor([[1, 2, 3]]), [1])).toThrow(/contrastiveLoss: x1 has shape/);
  });
});
