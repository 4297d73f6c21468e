/**
 * The float64 central-difference gradient check shared by the tensor and nn tests. It lives
 * here, not in a test file, because importing a test file runs that file's tests again.
 *
 * For loss = Σ f(inputs)·upstream, each analytic ∂loss/∂xᵢ from backward() must match
 * (loss(x + h·eᵢ) − loss(x − h·eᵢ)) / 2h, for every float64 input whose `check` entry is true.
 */
import { tensor, noGrad, type Tensor } from '../../src/tensor/index.js';

export function gradcheck(f: (xs: Tensor[]) => Tensor, inputs: Tensor[], upstream: Tensor, label: string, h = 1e-6, tol = 1e-6, check: boolean[] = inputs.map(() => true)): void {
  const xs = inputs.map((t) => (t.dtype === 'float64' ? tensor(t).requiresGrad_() : t));
  f(xs).mul(upstream).sum().backward();
  xs.forEach((x, k) => {
    if (x.dtype !== 'float64' || !check[k]) return;
    const base = x.toTypedArray() as Float64Array;
    const analytic = x.grad === null ? new Float64Array(base.length) : (x.grad.toTypedArray() as Float64Array);
    for (let i = 0; i < base.length; i++) {
      const at = (delta: number) => {
        const moved = Float64Array.from(base);
        moved[i] += delta;
        const args = xs.map((t, j) => (j === k ? tensor(moved, { shape: x.shape }) : t.detach()));
        return noGrad(() => f(args).mul(upstream).sum().item());
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      const err = Math.abs(numeric - analytic[i]);
      if (err > tol * Math.max(1, Math.abs(numeric))) {
        throw new Error(`${label}: d/d(input ${k})[${i}] analytic ${analytic[i]} vs numeric ${numeric} (|diff| ${err.toExponential(2)})`);
      }
    }
  });
}
