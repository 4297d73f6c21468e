// MLP training on descent/nn and descent/optim takes scikit-learn 1.2.1's exact steps: from the
// same initial weights, without shuffling, the loss curve (with its L2 term) and the final
// weights equal scikit-learn's to rounding, for Adam and for SGD with momentum, Nesterov and
// the invscaling schedule, with softmax, logistic and identity outputs
// (tools/fixtures/mlp_trajectory.py writes mlp-trajectory.json).
import { describe, expect, it } from 'vitest';
import { MLPClassifier, MLPRegressor } from '../../src/learn/index.js';
import { trainStochastic, type StochasticOptions } from '../../src/learn/neural-network/mlp-train.js';
import type { Out } from '../../src/learn/neural-network/mlp-solvers.js';
import { Generator } from '../../src/random/index.js';
import { noGrad, tensor, type Tensor } from '../../src/tensor/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface Case {
  name: string; estimator: string; y: number[]; sizes: number[]; coefs: number[][][]; intercepts: number[][];
  lossCurve: number[]; finalCoefs: number[][][]; finalIntercepts: number[][];
  params: Pick<StochasticOptions, 'activation' | 'solver' | 'alpha' | 'learningRateInit' | 'learningRate' | 'powerT' | 'momentum' | 'nesterovsMomentum'>;
}
const fx = loadFixture<{ X: number[][]; cases: Case[] }>('mlp-trajectory.json');
const X = { rows: fx.X.length, cols: fx.X[0].length, data: Float64Array.from(fx.X.flat()) };

describe("MLP minibatch training equals scikit-learn's, step for step", () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const k = c.sizes.at(-1)!;
      const out: Out = c.estimator === 'MLPRegressor' ? 'identity' : k === 1 ? 'logistic' : 'softmax';
      const T = Float64Array.from(c.y.flatMap((v) => (out === 'softmax' ? Array.from({ length: k }, (_, j) => (j === v ? 1 : 0)) : [v])));
      const init = { sizes: c.sizes, coefs: c.coefs.map((W) => Float64Array.from(W.flat())), intercepts: c.intercepts.map((b) => Float64Array.from(b)) };
      const r = trainStochastic(
        { ...MLPClassifier.spec.defaults, ...c.params, batchSize: 16, shuffle: false, maxIter: 12, tol: 0, nIterNoChange: 1e6 } as StochasticOptions,
        init, X, T, out, () => 0, 'test', new Generator(0),
      );
      expectNestedClose(r.lossCurve, c.lossCurve, 1e-11, 'lossCurve');
      const coefs = r.weights.coefs.map((W, l) => Array.from({ length: c.sizes[l] }, (_, a) => Array.from(W.subarray(a * c.sizes[l + 1], (a + 1) * c.sizes[l + 1]))));
      expectNestedClose(coefs, c.finalCoefs, 1e-10, 'coefs');
      expectNestedClose(r.weights.intercepts.map((b) => Array.from(b)), c.finalIntercepts, 1e-10, 'intercepts');
    });
  }
});

describe('toModule', () => {
  it('gives a descent/nn Sequential with the trained weights and the same predictions', () => {
    const y3 = fx.cases[0].y;
    const clf = new MLPClassifier({ hiddenLayerSizes: [6, 4], maxIter: 50, randomState: 0 }).fit(fx.X, y3);
    const net = clf.toModule();
    expect(net.length).toBe(6); // Linear, ReLU, Linear, ReLU, Linear, Softmax
    const P = noGrad(() => (net.forward(tensor(fx.X, { dtype: 'float64' })) as Tensor).toArray() as number[][]);
    expectNestedClose(P, clf.predictProba(fx.X), 1e-12, 'softmax probabilities');
    const reg = new MLPRegressor({ hiddenLayerSizes: [7], maxIter: 50, randomState: 0 }).fit(fx.X, fx.cases[3].y);
    const Q = noGrad(() => (reg.toModule().forward(tensor(fx.X, { dtype: 'float64' })) as Tensor).toArray() as number[][]);
    expectNestedClose(Q.map((r) => r[0]), reg.predict(fx.X), 1e-12, 'regression');
  });
});
