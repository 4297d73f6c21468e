/**
 * Fused forms of two compositions that every small network runs at every step:
 *
 *   linear:         y = x·Wᵀ + b            composition: x.matmul(W.T).add(b)       (activations.ts)
 *   conv + bias:    y[n] = W·cols[n] + b    composition: W.matmul(cols) → reshape → add(b) (layers/conv.ts)
 *   cross-entropy:  L = mean/sum of −log softmax(z)[y]
 *                   composition: z.logSoftmax(1) → gather → neg → sum → div     (losses.ts)
 *   GELU:           y = x·Φ(x), exact (erf) or tanh form                   (activations.ts)
 *
 * Each is one op node with one kernel call forward and a short backward written with ops,
 * where the composition makes four to eight nodes, each with its own allocation, dispatch
 * and backward. The compositions stay the definition: `linear` and `crossEntropy` use the
 * fused form only when a kernel is registered and the inputs fit it, and
 * test/nn/fused-ops.test.ts checks values and gradients against the compositions (float32
 * and float64) and runs the gradient check.
 */
import { Tensor, findKernel } from '../../tensor/index.js';
import { fromOp } from '../../tensor/tensor.js';
import { allocate } from '../../tensor/dtype.js';
import { viewIsContiguous } from '../../tensor/strided.js';
import type { ConvBiasKernel, CrossEntropyKernel, LinearKernel } from '../../tensor/backends/js-fused.js';
import type { UnaryKernel } from '../../tensor/ops/elementwise.js';

const isFloat = (t: Tensor) => t.dtype === 'float32' || t.dtype === 'float64';

/**
 * The fused linear layer, or null when it does not apply (no kernel, a dtype mix, a batch
 * with more than two dimensions, or a bias that is not a plain (M,) tensor).
 * Backward: ∂L/∂x = g·W, ∂L/∂W = gᵀ·x, ∂L/∂b = Σ_rows g.
 */
export function fusedLinear(x: Tensor, W: Tensor, b: unknown): Tensor | null {
  if (!(b instanceof Tensor) || x.ndim !== 2 || W.ndim !== 2 || b.ndim !== 1 || !isFloat(x)) return null;
  if (W.dtype !== x.dtype || b.dtype !== x.dtype || x.shape[1] !== W.shape[1] || b.shape[0] !== W.shape[0]) return null;
  const kernel = findKernel<LinearKernel>('linear', x.dtype);
  if (kernel === undefined || x.size === 0 || W.size === 0) return null;
  const [N, K] = x.shape;
  const M = W.shape[0];
  const xc = viewIsContiguous(x) ? x : x.contiguous();
  const Wc = viewIsContiguous(W) ? W : W.contiguous();
  const bc = viewIsContiguous(b) ? b : b.contiguous();
  const out = allocate(x.dtype, N * M);
  kernel(xc.data, xc.offset, Wc.data, Wc.offset, bc.data, bc.offset, out, N, K, M);
  return fromOp(out, [N, M], x.dtype, 'linear', [x, W, b], (g) => [
    x.requiresGrad ? g.matmul(W) : null,          // (N, M)·(M, K) -> (N, K)
    W.requiresGrad ? g.T.matmul(x) : null,        // (M, N)·(N, K) -> (M, K)
    b.requiresGrad ? g.sum(0) : null,             // (N, M) -> (M,)
  ]);
}

/**
 * A convolution's product with its bias, on unfolded windows: W (O, K), cols (N, K, L),
 * b (O,) -> (N, O, L), or null when it does not apply (no kernel, a dtype mix, empty).
 * Backward: ∂L/∂W = Σₙ g[n]·cols[n]ᵀ, ∂L/∂cols = Wᵀ·g, ∂L/∂b = Σ_{n,l} g.
 */
export function fusedConvBias(W: Tensor, cols: Tensor, b: Tensor): Tensor | null {
  if (!isFloat(W) || cols.dtype !== W.dtype || b.dtype !== W.dtype || W.ndim !== 2 || cols.ndim !== 3 || b.ndim !== 1) return null;
  const [O, K] = W.shape;
  const [N, K2, L] = cols.shape;
  if (K !== K2 || b.shape[0] !== O || W.size === 0 || cols.size === 0) return null;
  const kernel = findKernel<ConvBiasKernel>('convBias', W.dtype);
  if (kernel === undefined) return null;
  const Wc = viewIsContiguous(W) ? W : W.contiguous();
  const cc = viewIsContiguous(cols) ? cols : cols.contiguous();
  const bc = viewIsContiguous(b) ? b : b.contiguous();
  const out = allocate(W.dtype, N * O * L);
  kernel(Wc.data, Wc.offset, cc.data, cc.offset, bc.data, bc.offset, out, N, O, K, L);
  return fromOp(out, [N, O, L], W.dtype, 'convBias', [W, cols, b], (g) => [
    W.requiresGrad ? g.matmul(cols.transpose(1, 2)).sum(0) : null,   // (N, O, L)·(N, L, K) -> (N, O, K) -> (O, K)
    cols.requiresGrad ? W.T.matmul(g) : null,                       // (K, O)·(N, O, L) -> (N, K, L)
    b.requiresGrad ? g.sum([0, 2]) : null,                          // (N, O, L) -> (O,)
  ]);
}

/**
 * The fused softmax cross-entropy with mean or sum reduction, or null when it does not
 * apply (no kernel, not float logits, or targets the composition must handle: ignored
 * rows). `y` holds validated class indices.
 * Backward: ∂L/∂z = (softmax(z) − onehot(y))·g, divided by N for the mean.
 */
export function fusedCrossEntropy(logits: Tensor, y: readonly number[], reduction: 'mean' | 'sum'): Tensor | null {
  if (!isFloat(logits) || logits.ndim !== 2 || logits.size === 0) return null;
  const kernel = findKernel<CrossEntropyKernel>('softmaxCrossEntropy', logits.dtype);
  if (kernel === undefined) return null;
  const [N, C] = logits.shape;
  const z = viewIsContiguous(logits) ? logits : logits.contiguous();
  const probs = allocate(logits.dtype, N * C);
  const yi = Int32Array.from(y);
  const total = kernel(z.data, z.offset, yi, N, C, probs);
  if (!Number.isFinite(total)) return null; // NaN or ±∞ logits: the composition says what comes out
  const value = allocate(logits.dtype, 1);
  value[0] = reduction === 'mean' ? total / N : total;
  return fromOp(value, [], logits.dtype, 'crossEntropy', [logits], (g) => {
    // softmax − onehot, built once per backward: (N, C).
    const d = probs.slice();
    for (let i = 0; i < N; i++) d[i * C + yi[i]] -= 1;
    const dz = new Tensor(d, [N, C], logits.dtype);
    return [dz.mul(reduction === 'mean' ? g.div(N) : g)];
  });
}

/**
 * GELU in one op, or null when it does not apply (no kernel, not float, strided, empty).
 * Backward g·GELU′(x), with GELU′ from a kernel too (`geluDerivative`); only second
 * derivatives go through the compositions written there.
 */
export function fusedGelu(x: Tensor, approximate: 'none' | 'tanh'): Tensor | null {
  if (!isFloat(x) || x.size === 0 || !viewIsContiguous(x)) return null;
  const kernel = findKernel<UnaryKernel>(approximate === 'tanh' ? 'geluTanh' : 'gelu', x.dtype);
  if (kernel === undefined) return null;
  const out = allocate(x.dtype, x.size);
  kernel(x.data, x.offset, out, x.size);
  return fromOp(out, x.shape, x.dtype, 'gelu', [x], (g) => [g.mul(geluDerivative(x, approximate))]);
}

/**
 * GELU′(x) as a tensor (one kernel call when one is registered), differentiable once more:
 *   exact: GELU′ = Φ(x) + x·φ(x),                          GELU″ = φ(x)·(2 − x²)
 *   tanh:  GELU′ = (1 + t)/2 + (x/2)(1 − t²)·u′,           GELU″ = (1 − t²)·(u′ + (x/2)(u″ − 2t·u′²))
 * with φ(x) = e^(−x²/2)/√(2π), u = √(2/π)(x + 0.044715x³), t = tanh u, u′ = √(2/π)(1 + 3·0.044715x²),
 * u″ = √(2/π)·6·0.044715x. Without a kernel, GELU′ is the composition of ops below.
 */
function geluDerivative(x: Tensor, approximate: 'none' | 'tanh'): Tensor {
  const c = Math.sqrt(2 / Math.PI);
  const pdf = () => x.square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
  const tanhParts = () => {
    const t = x.add(x.pow(3).mul(0.044715)).mul(c).tanh();
    const du = x.square().mul(3 * 0.044715).add(1).mul(c);
    return { t, du, sech2: t.square().neg().add(1) };
  };
  const composed = (): Tensor => {
    if (approximate === 'tanh') {
      const { t, du, sech2 } = tanhParts();
      return t.add(1).mul(0.5).add(x.mul(0.5).mul(sech2).mul(du));
    }
    return x.mul(Math.SQRT1_2).erf().add(1).mul(0.5).add(x.mul(pdf()));
  };
  const second = (): Tensor => {
    if (approximate === 'tanh') {
      const { t, du, sech2 } = tanhParts();
      const d2u = x.mul(c * 6 * 0.044715);
      return sech2.mul(du.add(x.mul(0.5).mul(d2u.sub(t.mul(du.square()).mul(2)))));
    }
    return pdf().mul(x.square().neg().add(2));
  };
  const kernel = findKernel<UnaryKernel>(approximate === 'tanh' ? 'geluTanhGrad' : 'geluGrad', x.dtype);
  if (kernel === undefined) return composed();
  const d = allocate(x.dtype, x.size);
  kernel(x.data, x.offset, d, x.size);
  return fromOp(d, x.shape, x.dtype, 'geluGrad', [x], (g) => [g.mul(second())]);
}
