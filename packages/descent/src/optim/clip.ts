/**
 * Gradient clipping, applied to `.grad` in place between `backward()` and `step()`.
 *
 * ```ts
 * loss.backward();
 * clipGradNorm(model.parameters(), 1.0);   // rescale so the global L2 norm is at most 1
 * opt.step();
 * ```
 */
import { noGrad, type Tensor } from '../tensor/index.js';

/**
 * Scales all gradients together so their global p-norm is at most `maxNorm` (by
 * maxNorm/(norm + 1e-6), as PyTorch does). Returns the norm before clipping.
 */
export function clipGradNorm(params: Tensor[], maxNorm: number, normType = 2): number {
  const grads = params.map((p) => p.grad).filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return 0;
  let total: number;
  if (normType === Infinity) total = Math.max(...grads.map((g) => g.abs().max().item()));
  else total = grads.reduce((s, g) => s + g.abs().pow(normType).sum().item(), 0) ** (1 / normType);
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) noGrad(() => { for (const g of grads) g.mul_(coef); });
  return total;
}

/** Clamps every gradient element to [−clipValue, clipValue]. */
export function clipGradValue(params: Tensor[], clipValue: number): void {
  noGrad(() => {
    for (const p of params) if (p.grad) p.grad.copy_(p.grad.clip(-clipValue, clipValue));
  });
}
