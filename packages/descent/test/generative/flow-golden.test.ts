/**
 * descent/generative's RealNVP coupling layer and flow against a PyTorch float64 transcription of
 * Dinh et al. 2017 (tools/fixtures/generative_flow.py): one layer's forward, log-det-Jacobian
 * and inverse with the gradients of x and every weight, and a two-layer flow's exact
 * log-likelihood with its gradients. Plus the invariants a flow must keep whatever its weights:
 * inverse(forward(x)) = x, and log-det equal to the log |det| of the Jacobian by finite differences.
 */
import { describe, it, expect } from 'vitest';
import { noGrad, tensor, randn, Generator } from '../../src/tensor/index.js';
import { AffineCoupling, RealNVP, gaussianLogProb } from '../../src/generative/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

type E = EncodedTensor;
interface Fixture {
  source: string;
  layer: {
    dim: number; hidden: number; mask: number[]; params: Record<string, E>; x: E; y: E; logDet: E; inverse: E;
    upstream: E; logDetWeight: number; gradX: E; grads: Record<string, E>;
  };
  flow: { dim: number; hidden: number; masks: number[][]; params: Record<string, E>[]; x: E; z: E; logDet: E; logProb: E; gradX: E; grads: Record<string, E>[] };
}
const fx = loadFixture<Fixture>('generative-flow.json');
const TIGHT = { rtol: 1e-9, atol: 1e-12 };

function load(layer: AffineCoupling, params: Record<string, E>): void {
  const own = Object.fromEntries(layer.namedParameters());
  noGrad(() => { for (const [k, v] of Object.entries(params)) own[k].copy_(decode(v)); });
}

describe(`RealNVP matches ${fx.source}`, () => {
  it('one affine coupling layer: forward, log-det, inverse and gradients', () => {
    const c = fx.layer;
    const layer = new AffineCoupling(c.dim, c.mask, { hidden: c.hidden, dtype: 'float64' });
    load(layer, c.params);
    const x = decode(c.x).requiresGrad_();
    const { y, logDet } = layer.forward(x);
    expectClose(y, c.y, TIGHT, 'y');
    expectClose(logDet, c.logDet, TIGHT, 'logDet');
    expectClose(noGrad(() => layer.inverse(decode(c.y))), c.inverse, TIGHT, 'inverse');
    expectClose(noGrad(() => layer.inverse(y.detach())), c.x, TIGHT, 'inverse(forward(x))');
    y.mul(decode(c.upstream)).sum().add(logDet.sum().mul(c.logDetWeight)).backward();
    expectClose(x.grad!, c.gradX, TIGHT, 'd/dx');
    const own = Object.fromEntries(layer.namedParameters());
    for (const [k, g] of Object.entries(c.grads)) expectClose(own[k].grad!, g, TIGHT, `d/d${k}`);
  });

  it('a two-layer flow: exact log-likelihood and its gradients', () => {
    const c = fx.flow;
    const flow = new RealNVP(c.dim, { layers: 2, hidden: c.hidden, dtype: 'float64' });
    c.params.forEach((p, i) => load(flow.couplings[i], p));
    expect(flow.couplings[0].mask).toEqual(c.masks[0]);
    expect(flow.couplings[1].mask).toEqual(c.masks[1]);
    const x = decode(c.x).requiresGrad_();
    const { z, logDet } = flow.forward(x);
    expectClose(z, c.z, TIGHT, 'z');
    expectClose(logDet, c.logDet, TIGHT, 'logDet');
    const lp = flow.logProb(x);
    expectClose(lp, c.logProb, TIGHT, 'logProb');
    lp.mean().backward();
    expectClose(x.grad!, c.gradX, TIGHT, 'd/dx');
    c.grads.forEach((gs, i) => {
      const own = Object.fromEntries(flow.couplings[i].namedParameters());
      for (const [k, g] of Object.entries(gs)) expectClose(own[k].grad!, g, TIGHT, `layer ${i} d/d${k}`);
    });
  });
});

describe('RealNVP invariants', () => {
  it('inverts itself and its log-det is the log |det| of the finite-difference Jacobian', () => {
    const flow = new RealNVP(3, { layers: 4, hidden: 8, dtype: 'float64' });
    const x = randn([4, 3], { dtype: 'float64', generator: new Generator(1) });
    const { z, logDet } = noGrad(() => flow.forward(x));
    expectClose(flow.inverse(z), x, { rtol: 1e-10, atol: 1e-12 }, 'inverse(forward(x))');
    const h = 1e-6;
    const rows = x.toArray() as number[][];
    rows.forEach((row, b) => {
      const J = [0, 1, 2].map((j) => {
        const plus = [...row]; plus[j] += h;
        const minus = [...row]; minus[j] -= h;
        const f = (r: number[]) => noGrad(() => flow.forward(tensor([r], { dtype: 'float64' })).z.toArray() as number[][])[0];
        const [a, c] = [f(plus), f(minus)];
        return a.map((v, i) => (v - c[i]) / (2 * h)); // column j: ∂z/∂x_j
      });
      const det = J[0][0] * (J[1][1] * J[2][2] - J[2][1] * J[1][2]) - J[1][0] * (J[0][1] * J[2][2] - J[2][1] * J[0][2]) + J[2][0] * (J[0][1] * J[1][2] - J[1][1] * J[0][2]);
      expect(Math.log(Math.abs(det))).toBeCloseTo((logDet.toArray() as number[])[b], 6);
    });
  });

  it('samples have the requested shape, and the Gaussian baseline has its closed form', () => {
    const flow = new RealNVP(2, { layers: 2, hidden: 4 });
    expect(flow.sample(7, { generator: new Generator(0) }).shape).toEqual([7, 2]);
    // data: mean (1, 3), ML variances 2/3 and 8/3, covariance 2/3, so det Σ = 16/9 − 4/9 = 4/3.
    const data = tensor([[0, 1], [2, 3], [1, 5]], { dtype: 'float64' });
    const at = tensor([[1, 3], [2, 3]], { dtype: 'float64' });
    const diag = gaussianLogProb(data, at).toArray() as number[];
    const full = gaussianLogProb(data, at, { fullCovariance: true }).toArray() as number[];
    const log2pi = Math.log(2 * Math.PI);
    expect(diag[0]).toBeCloseTo(-0.5 * (Math.log(2 / 3) + Math.log(8 / 3) + 2 * log2pi), 12);
    expect(diag[1]).toBeCloseTo(diag[0] - 0.5 * (1 / (2 / 3)), 12);
    expect(full[0]).toBeCloseTo(-0.5 * (Math.log(4 / 3) + 2 * log2pi), 12);
    // (x − μ) = (1, 0): Σ⁻¹ = [[8/3, −2/3], [−2/3, 2/3]] / (4/3), so the quadratic form is 2.
    expect(full[1]).toBeCloseTo(full[0] - 0.5 * 2, 12);
  });

  it('names bad input', () => {
    expect(() => new AffineCoupling(2, [1, 1])).toThrow(/AffineCoupling: mask must be 2 zeros and ones with at least one of each/);
    expect(() => new RealNVP(2, { layers: 0 })).toThrow(/RealNVP: layers must be a positive integer, got 0/);
    expect(() => new RealNVP(2).logProb(tensor([[1, 2, 3]]))).toThrow(/RealNVP.forward: expected input \(B, 2\), got \(1,3\)/);
    expect(() => new RealNVP(2).sample(0)).toThrow(/RealNVP.sample: n must be a positive integer/);
  });
});
