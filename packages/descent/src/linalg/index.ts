/**
 * `descent/linalg`: dense linear algebra in float64, with NumPy's names and
 * conventions (`numpy.linalg`).
 *
 * Every function takes a 2-D Tensor (any dtype; it is read as float64) or
 * nested arrays of numbers, and returns float64 Tensors; scalar results
 * (`det`, `norm`, `matrixRank`, ...) are plain numbers, as NumPy returns
 * scalars. The kernels are plain loops on a row-major Float64Array, one file
 * per decomposition, each citing its algorithm.
 *
 * ```ts
 * import { solve, svd } from 'descent/linalg';
 * solve([[3, 1], [1, 2]], [9, 8]).toArray(); // [2, 3]
 * svd([[3, 0], [4, 5]]).S.toArray();        // [3√5, √5]
 * ```
 */
export type { MatrixLike, VectorLike } from './convert.js';
export { cholesky } from './cholesky.js';
export { det, slogdet } from './det.js';
export { eigh, type EighOptions } from './eigh.js';
export { lstsq, type LstsqOptions, type LstsqResult } from './lstsq.js';
export { norm, type NormOrder } from './norm.js';
export { matrixRank, pinv, type MatrixRankOptions, type PinvOptions } from './pinv.js';
export { qr, type QRMode, type QROptions } from './qr.js';
export { inv, solve } from './solve.js';
export { svd, type SVDOptions } from './svd.js';
