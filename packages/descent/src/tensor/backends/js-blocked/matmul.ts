/**
 * Matrix multiplication kernels for contiguous row-major typed arrays.
 *
 *   out[i, j] = Σ_k a[i, k] · b[k, j]      a: (M, K), b: (K, N), out: (M, N)
 *
 * Two kernels with the same signature:
 *
 * - `matmulNaive` is the plain i-k-j triple loop. It is the reference the fast kernel is
 *   tested against, and the "plain triple loop" anchor in `npm run bench`.
 * - `matmulBlocked` computes the same numbers about 4× faster in plain JavaScript, using
 *   the loop structure of GotoBLAS/BLIS: cache blocking over k and j, packed panels, and a
 *   4×4 register tile. Goto & van de Geijn, "Anatomy of High-Performance Matrix
 *   Multiplication", ACM TOMS 34(3), 2008; Van Zee & van de Geijn, "BLIS: A Framework for
 *   Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3), 2015.
 *
 * Both accept `Float32Array` or `Float64Array` (a, b and out of the same kind) and an
 * element offset into each, so a kernel can work on one matrix of a batch in place.
 */

/** The typed arrays the kernels accept; a, b and out are all of one kind. */
export type MatmulArray = Float32Array | Float64Array;

/**
 * Plain i-k-j triple loop: `out = a @ b`, with a (M, K), b (K, N), out (M, N) row-major.
 *
 * The k loop sits in the middle so the innermost loop walks a row of b and a row of out
 * contiguously (i-j-k would stride through b by N). Each product is added straight into
 * `out`, so with a Float32Array every partial sum is rounded to float32.
 *
 * @example
 * const out = new Float64Array(4);
 * matmulNaive(new Float64Array([1, 2, 3, 4]), 0, new Float64Array([5, 6, 7, 8]), 0, out, 0, 2, 2, 2);
 * // out = [19, 22, 43, 50]
 */
export function matmulNaive<T extends MatmulArray>(
  a: T, aOff: number, b: T, bOff: number, out: T, outOff: number,
  M: number, K: number, N: number,
): void {
  out.fill(0, outOff, outOff + M * N);
  for (let i = 0; i < M; i++) {
    const outRow = outOff + i * N;
    for (let k = 0; k < K; k++) {
      const aik = a[aOff + i * K + k];
      const bRow = bOff + k * N;
      for (let j = 0; j < N; j++) out[outRow + j] += aik * b[bRow + j];
    }
  }
}

// ---------------------------------------------------------------------------------------
// Blocking parameters.
//
// The product is cut into blocks so that each piece of data is reused many times while it
// sits in a fast level of memory:
//
//   for jc in steps of NC        columns of b and out              (N → NC)
//     for pc in steps of KC      depth                             (K → KC)
//       pack b[pc:pc+KC, jc:jc+NC] into bPack        KC × NC, lives in L2
//       for ic in steps of MC    rows of a and out                 (M → MC)
//         pack a[ic:ic+MC, pc:pc+KC] into aPack      MC × KC, lives in L2 / L1
//         for jr in steps of NR  (one KC × NR sliver of bPack, in L1)
//           for ir in steps of MR (one MR × KC sliver of aPack, in L1)
//             out[ir:ir+MR, jr:jr+NR] += aSliver @ bSliver      ← the micro-kernel
//
// The micro-kernel keeps the MR × NR = 4 × 4 tile of out in 16 local variables. Each step
// of its k loop loads 4 values of a and 4 of b and does 16 multiply-adds, so 8 loads feed
// 32 flops; the naive loop does 2 loads and 1 store per 2 flops. 4 × 4 is the largest
// square tile whose accumulators plus the 8 operands stay close to the 16 floating-point
// registers of x86-64 and arm64; wider tiles (4 × 8, 2 × 8) measured no faster in V8.
//
// Packing copies a sliver into the exact order the micro-kernel reads it, so its loads are
// one contiguous stream with stride 1:
//   aPack: for each MR-row sliver, k-major: a[r0,k] a[r1,k] a[r2,k] a[r3,k], a[r0,k+1] …
//   bPack: for each NR-col sliver, k-major: b[k,c0] b[k,c1] b[k,c2] b[k,c3], b[k+1,c0] …
// The packed buffers are Float64Array whatever the input type: a float32 input is converted
// once while packing instead of at every load in the hot loop, and the tile accumulates in
// float64 (JavaScript arithmetic is float64 anyway), rounding to float32 only on store.
// Rows and columns past the edge of the matrix are packed as zeros, so the micro-kernel
// always runs a full 4 × 4 tile and only the store step looks at the real tile size.
//
// Sizes, in float64 (8 bytes):
//   KC = 256: one a sliver (4 × 256) and one b sliver (256 × 4) are 8 KiB each, together
//             half of a 32 KiB L1 data cache.
//   MC = 64:  aPack is 64 × 256 = 128 KiB, bPack is 256 × 256 = 512 KiB at NC = 256;
//   NC = 256  both are reused from L2 / L3 and the micro-kernel streams them from there.
//             In JavaScript the micro-kernel runs far below memory bandwidth, so these
//             outer sizes matter much less than the register tile; they are chosen so the
//             working set is a fraction of a typical 512 KiB – 1 MiB L2.
// ---------------------------------------------------------------------------------------

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 256;

// Packing buffers, reused across calls (kernels are synchronous, so one set is enough).
// Their sizes are fixed by the block sizes, not by the matrices.
let aPack: Float64Array | undefined;
let bPack: Float64Array | undefined;
// Scratch for a tile that hangs over the edge of out (see the end of microKernel4x4).
const edgeTile = new Float64Array(MR * NR);

/**
 * Fast `out = a @ b` for contiguous row-major matrices: a (M, K) at `aOff`, b (K, N) at
 * `bOff`, out (M, N) at `outOff`. `out` is fully overwritten. Any M, K, N ≥ 0.
 *
 * Same result as `matmulNaive` up to rounding: sums run in a different order (and, for
 * float32 input, in float64 precision), so float32 results usually differ in the last bits.
 *
 * @example
 * const a = Float32Array.from({ length: 6 }, (_, i) => i + 1);  // (2, 3)
 * const b = Float32Array.from({ length: 6 }, (_, i) => i + 1);  // (3, 2)
 * const out = new Float32Array(4);                               // (2, 2)
 * matmulBlocked(a, 0, b, 0, out, 0, 2, 3, 2);
 * // out = [22, 28, 49, 64]
 */
export function matmulBlocked<T extends MatmulArray>(
  a: T, aOff: number, b: T, bOff: number, out: T, outOff: number,
  M: number, K: number, N: number,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    // An empty sum: every entry of out is 0.
    out.fill(0, outOff, outOff + M * N);
    return;
  }
  aPack ??= new Float64Array(MC * KC);
  bPack ??= new Float64Array(KC * NC);
  const ap = aPack;
  const bp = bPack;

  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      // The first depth block stores into out; later ones add to it.
      const accumulate = pc > 0;
      packB(b, bOff + pc * N + jc, N, kc, nc, bp);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packA(a, aOff + ic * K + pc, K, mc, kc, ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            microKernel4x4(
              ap, ir * kc, bp, jr * kc, kc,
              out, outOff + (ic + ir) * N + jc + jr, N, mr, nr, accumulate,
            );
          }
        }
      }
    }
  }
}

/**
 * Copy the (mc, kc) block of a starting at `src` (row stride `lda`) into `dst` as
 * ⌈mc/MR⌉ slivers, each k-major with MR values per k, rows past mc filled with 0.
 */
function packA(a: MatmulArray, src: number, lda: number, mc: number, kc: number, dst: Float64Array): void {
  let d = 0;
  for (let r = 0; r < mc; r += MR) {
    if (r + MR <= mc) {
      const a0 = src + r * lda;
      const a1 = a0 + lda;
      const a2 = a1 + lda;
      const a3 = a2 + lda;
      for (let p = 0; p < kc; p++) {
        dst[d] = a[a0 + p];
        dst[d + 1] = a[a1 + p];
        dst[d + 2] = a[a2 + p];
        dst[d + 3] = a[a3 + p];
        d += MR;
      }
    } else {
      const rows = mc - r;
      for (let p = 0; p < kc; p++) {
        for (let q = 0; q < MR; q++) dst[d + q] = q < rows ? a[src + (r + q) * lda + p] : 0;
        d += MR;
      }
    }
  }
}

/**
 * Copy the (kc, nc) block of b starting at `src` (row stride `ldb`) into `dst` as
 * ⌈nc/NR⌉ slivers, each k-major with NR values per k, columns past nc filled with 0.
 */
function packB(b: MatmulArray, src: number, ldb: number, kc: number, nc: number, dst: Float64Array): void {
  let d = 0;
  for (let c = 0; c < nc; c += NR) {
    const cols = Math.min(NR, nc - c);
    let s = src + c;
    if (cols === NR) {
      for (let p = 0; p < kc; p++) {
        dst[d] = b[s];
        dst[d + 1] = b[s + 1];
        dst[d + 2] = b[s + 2];
        dst[d + 3] = b[s + 3];
        d += NR;
        s += ldb;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let q = 0; q < NR; q++) dst[d + q] = q < cols ? b[s + q] : 0;
        d += NR;
        s += ldb;
      }
    }
  }
}

/**
 * out tile (mr ≤ 4, nr ≤ 4) at `o` (row stride ldc) = or += a sliver (4, kc) @ b sliver
 * (kc, 4), both packed k-major. The 16 sums live in locals so V8 can keep them in
 * registers; the k loop is the only hot loop in the whole product.
 */
function microKernel4x4(
  ap: Float64Array, ai: number, bp: Float64Array, bi: number, kc: number,
  out: MatmulArray, o: number, ldc: number, mr: number, nr: number, accumulate: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = bi + kc * NR;
  for (; bi < end; bi += NR, ai += MR) {
    const b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
    let x = ap[ai];
    c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
    x = ap[ai + 1];
    c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
    x = ap[ai + 2];
    c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
    x = ap[ai + 3];
    c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
  }

  if (mr === MR && nr === NR) {
    // Full tile, the common case: straight-line stores.
    const o1 = o + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
    if (accumulate) {
      out[o] += c00; out[o + 1] += c01; out[o + 2] += c02; out[o + 3] += c03;
      out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
      out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
      out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
    } else {
      out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03;
      out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
      out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
      out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
    }
    return;
  }

  // Edge tile: store only the mr × nr part that lies inside out.
  const tile = edgeTile;
  tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
  tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
  tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
  tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
  for (let r = 0; r < mr; r++) {
    const row = o + r * ldc;
    for (let c = 0; c < nr; c++) {
      if (accumulate) out[row + c] += tile[r * NR + c];
      else out[row + c] = tile[r * NR + c];
    }
  }
}
