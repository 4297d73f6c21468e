/**
 * Matrix product with NumPy's `matmul` semantics: (…, n, k) @ (…, k, m) → (…, n, m), with
 * the leading (batch) axes broadcast; a 1-D left operand is a row vector and a 1-D right
 * operand a column vector, their added axis removed from the result.
 *
 * C = A·B.  ∂L/∂A = ∂L/∂C · Bᵀ,  ∂L/∂B = Aᵀ · ∂L/∂C (each summed over broadcast batch axes).
 *
 * The reference kernel is the textbook triple loop over any strides. A backend may
 * register a `matmul` kernel working on contiguous row-major matrices (see
 * `backends/js-blocked`), and inputs are made contiguous for it when needed; or a
 * `matmulStrided` kernel that reads each matrix through its row and column strides (see
 * `backends/wasm`), so the transposed operands of every backward pass need no copy.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate, promote, type DType, type TypedArray } from '../dtype.js';
import { broadcastShapes, fmtShape, sizeOf } from '../shape.js';
import { elementOffsets, viewIsContiguous } from '../strided.js';
import { findKernel } from '../backend.js';
import { asTensor, type TensorLike } from './create.js';
import { sumTo } from './elementwise.js';

/**
 * A backend matmul: out[outOff + i·N + j] = Σₖ a[aOff + i·K + k] · b[bOff + k·N + j], for
 * contiguous row-major operands of the same typed-array kind; out is overwritten.
 */
export type MatmulKernel = (a: TypedArray, aOff: number, b: TypedArray, bOff: number, out: TypedArray, outOff: number, M: number, K: number, N: number) => void;

/**
 * A backend matmul reading a[aOff + i·aRs + k·aCs] and b[bOff + k·bRs + j·bCs] (any
 * strides, including 0 and negative); a, b and out of the same typed-array kind, out
 * contiguous row-major (M, N) at outOff, overwritten.
 */
export type MatmulStridedKernel = (
  a: TypedArray, aOff: number, aRs: number, aCs: number, b: TypedArray, bOff: number, bRs: number, bCs: number,
  out: TypedArray, outOff: number, M: number, K: number, N: number) => void;

export function matmul(aIn: TensorLike, bIn: TensorLike): Tensor {
  let a = asTensor(aIn);
  let b = asTensor(bIn);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(`matmul: both operands need at least one dimension, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}; use mul for scalars`);
  }
  if (a.dtype === 'bool' || b.dtype === 'bool') throw new TypeError('matmul: bool tensors are not supported; convert with astype(\'int32\') or astype(\'float32\')');
  // Vectors become matrices for the product; the added axis is squeezed away after.
  const aVec = a.ndim === 1;
  const bVec = b.ndim === 1;
  if (aVec) a = a.unsqueeze(0);
  if (bVec) b = b.unsqueeze(-1);
  let out = matmulND(a, b);
  if (aVec) out = out.squeeze(-2);
  if (bVec) out = out.squeeze(-1);
  return out;
}

/** The primitive: both operands have at least 2 dimensions. */
function matmulND(a: Tensor, b: Tensor): Tensor {
  const [M, K] = a.shape.slice(-2);
  const [K2, N] = b.shape.slice(-2);
  if (K !== K2) {
    throw new RangeError(`matmul: inner dimensions differ, ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}; expected a.shape[-1] == b.shape[-2] (${K} != ${K2})`);
  }
  const batch = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const dtype: DType = promote(a.dtype, b.dtype);
  const shape = [...batch, M, N];
  const out = allocate(dtype, sizeOf(shape));
  const nBatch = sizeOf(batch);
  // Storage position of each batch's matrix in a and b (broadcast batch axes read the same one).
  const batchOffsets = (t: Tensor) => elementOffsets({ data: t.data, shape: t.shape.slice(0, -2), strides: t.strides.slice(0, -2), offset: t.offset }, batch);
  const strided = a.dtype === dtype && b.dtype === dtype ? findKernel<MatmulStridedKernel>('matmulStrided', dtype) : undefined;
  const kernel = strided ? undefined : findKernel<MatmulKernel>('matmul', dtype);
  if (strided && M * N * K > 0) {
    const ao = batchOffsets(a);
    const bo = batchOffsets(b);
    const [as0, as1] = a.strides.slice(-2);
    const [bs0, bs1] = b.strides.slice(-2);
    for (let p = 0; p < nBatch; p++) strided(a.data, ao[p], as0, as1, b.data, bo[p], bs0, bs1, out, p * M * N, M, K, N);
  } else if (kernel && M * N * K > 0) {
    // The kernel wants contiguous row-major matrices of the output dtype.
    const ready = (t: Tensor) => (t.dtype === dtype && viewIsContiguous(t) ? t : t.astype(dtype).contiguous());
    const ac = ready(a);
    const bc = ready(b);
    const ao = batchOffsets(ac);
    const bo = batchOffsets(bc);
    for (let p = 0; p < nBatch; p++) kernel(ac.data, ao[p], bc.data, bo[p], out, p * M * N, M, K, N);
  } else {
    const ao = batchOffsets(a);
    const bo = batchOffsets(b);
    const [as0, as1] = a.strides.slice(-2);
    const [bs0, bs1] = b.strides.slice(-2);
    const A = a.data, B = b.data;
    for (let p = 0; p < nBatch; p++) {
      const o = p * M * N;
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let k = 0; k < K; k++) s += A[ao[p] + i * as0 + k * as1] * B[bo[p] + k * bs0 + j * bs1];
          out[o + i * N + j] = s;
        }
      }
    }
  }
  return fromOp(out, shape, dtype, 'matmul', [a, b], (g) => [
    a.requiresGrad ? sumTo(g.matmul(b.transpose(-1, -2)), a.shape) : null,
    b.requiresGrad ? sumTo(a.transpose(-1, -2).matmul(g), b.shape) : null,
  ]);
}

