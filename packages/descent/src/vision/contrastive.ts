/**
 * Contrastive learning: SimCLR's NT-Xent loss.
 *
 * ```ts
 * const z1 = encoder.forward(augment.apply(x, g)), z2 = encoder.forward(augment.apply(x, g));
 * const loss = ntXentLoss(z1, z2, 0.5);   // pull each image's two views together
 * ```
 */
import { Tensor, concat, eye, where, arange } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { crossEntropy } from '../nn/functional/losses.js';

/**
 * NT-Xent, the normalized temperature-scaled cross-entropy of SimCLR (Chen et al. 2020, "A
 * Simple Framework for Contrastive Learning of Visual Representations", ICML, eq. 1). With
 * z1, z2 (N, D) the embeddings of two augmented views of the same N images, the 2N rows are
 * scaled to unit length, s_ij = z_i·z_j/τ, and row i's loss is the cross-entropy of
 * softmax_j≠i(s_ij) toward its partner (i ± N): every other image in the batch is a negative.
 * The result is the mean over all 2N rows (the paper's symmetric ℓ(i, j) + ℓ(j, i)).
 *
 * ```ts
 * ntXentLoss(randn([8, 16]), randn([8, 16]), 0.5).item();   // about log(2N − 1) for unrelated views
 * ```
 */
export function ntXentLoss(z1: Tensor, z2: Tensor, temperature = 0.5): Tensor {
  if (!(z1 instanceof Tensor) || !(z2 instanceof Tensor) || z1.ndim !== 2 || z1.shape.join() !== z2.shape.join()) {
    throw new RangeError(`ntXentLoss: expected two embeddings of the same shape (N, D), got ${z1 instanceof Tensor ? fmtShape(z1.shape) : typeof z1} and ${z2 instanceof Tensor ? fmtShape(z2.shape) : typeof z2}`);
  }
  if (z1.shape[0] < 2) throw new RangeError(`ntXentLoss: need at least 2 images per batch (the others are the negatives), got ${z1.shape[0]}`);
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`ntXentLoss: temperature must be a finite number > 0, got ${temperature}`);
  const N = z1.shape[0];
  const z = concat([z1, z2], 0);                                              // (2N, D)
  // Unit length as torch.nn.functional.normalize: z / max(‖z‖, 1e-12).
  const unit = z.div(z.square().sum(1, true).sqrt().clip(1e-12, null));
  const sim = unit.matmul(unit.T).div(temperature);                           // (2N, 2N)
  const logits = where(eye(2 * N, 2 * N, { dtype: 'bool' }), -Infinity, sim); // a view is not its own negative
  const partner = concat([arange(N, 2 * N, 1, { dtype: 'int32' }), arange(0, N, 1, { dtype: 'int32' })]);
  return crossEntropy(logits, partner);
}
