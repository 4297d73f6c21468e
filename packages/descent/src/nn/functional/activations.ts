/**
 * Activation functions, as compositions of tensor ops (their gradients follow from the
 * primitives'). Names and defaults follow torch.nn.functional. Where a textbook formula
 * would overflow in an unused branch of a `where` (and poison the gradient with 0·∞ = NaN),
 * the formula is rearranged so every branch stays finite; the comment says how.
 */
import { Tensor, where, type TensorLike } from '../../tensor/index.js';
import { fusedGelu, fusedLinear } from './fused.js';

export function relu(x: Tensor): Tensor {
  return x.relu();
}

/** max(0, x) + slope·min(0, x); the gradient at 0 is `slope`, as in PyTorch. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return where(x.gt(0), x, x.mul(negativeSlope));
}

/**
 * x for x > 0, α(eˣ − 1) otherwise (Clevert et al. 2016). The exponential branch sees
 * min(x, 0) (via `where`, so that at x = 0 its gradient α is not split as `minimum`
 * would), which never overflows.
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  const positive = x.gt(0);
  return where(positive, x, where(positive, 0, x).expm1().mul(alpha));
}

/**
 * GELU (Hendrycks & Gimpel 2016): x·Φ(x) with Φ the standard normal CDF, exactly
 * 0.5·x·(1 + erf(x/√2)), or with `approximate: 'tanh'` the approximation
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  // One op when a kernel is registered (nn/functional/fused.ts); the compositions below define it.
  const fused = approximate === 'none' || approximate === 'tanh' ? fusedGelu(x, approximate) : null;
  if (fused !== null) return fused;
  if (approximate === 'tanh') {
    const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }
  return x.mul(x.mul(Math.SQRT1_2).erf().add(1)).mul(0.5);
}

/** SiLU / Swish: x·σ(x) (Ramachandran et al. 2017). */
export function silu(x: Tensor): Tensor {
  return x.mul(x.sigmoid());
}

/**
 * Softplus: (1/β)·log(1 + e^(βx)), and x itself where βx > threshold (PyTorch's rule).
 *
 * With z = βx it is computed as z + log1p(e^(−z)) for z > 0 and log1p(e^z) otherwise, each
 * branch fed only its own side of 0 (through `where`), so no exponential overflows and the
 * gradient is σ(z) everywhere, 1/2 at z = 0. (The shorter max(z, 0) + log1p(e^(−|z|)) has
 * the right values but a gradient of 0 at z = 0, from the kinks of max and |·|.)
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const z = x.mul(beta);
  const positive = z.gt(0);
  const zPos = where(positive, z, 0);
  const zNeg = where(positive, 0, z);
  const smooth = where(positive, zPos.add(zPos.neg().exp().log1p()), zNeg.exp().log1p()).div(beta);
  return where(z.gt(threshold), x, smooth);
}

/** Mish: x·tanh(softplus(x)) (Misra 2019). */
export function mish(x: Tensor): Tensor {
  return x.mul(softplus(x).tanh());
}

export function sigmoid(x: Tensor): Tensor {
  return x.sigmoid();
}

export function tanh(x: Tensor): Tensor {
  return x.tanh();
}

/** Clamps to [min, max]; the gradient is 1 strictly inside and 0 at and beyond the bounds (PyTorch). */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  return where(x.le(minVal), minVal, where(x.ge(maxVal), maxVal, x));
}

export function softmax(x: Tensor, axis = -1): Tensor {
  return x.softmax(axis);
}

export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return x.logSoftmax(axis);
}

/**
 * y = x·Wᵀ + b, PyTorch's layout: W is (out, in). (N, in) → (N, out). The composition
 * below is the definition; for a 2-D batch with a bias tensor, `fusedLinear` computes the
 * same in one op (addmm), when a kernel is registered.
 */
export function linear(x: Tensor, W: Tensor, b?: TensorLike | null): Tensor {
  const fused = fusedLinear(x, W, b);
  if (fused !== null) return fused;
  const y = x.matmul(W.T);
  return b === undefined || b === null ? y : y.add(b);
}
