/**
 * Matrix multiplication kernels for contiguous row-major typed arrays.
 *
 *   out[i, j] = Σ_k a[i, k] · b[k, j]      a: (M, K), b: (K, N), out: (M, N)
 *
 * Two kernels with the same signature:
 *
 * - `matmulNaive` is the plain i-k-j triple loop. It is the reference the fast kernel is
 *   tested against, and the "plain triple loop" anchor in `npm run bench`.
 * - `matmulBlocked` computes the same numbers 5–6× faster in plain JavaScript (about
 *   6 GFLOP/s on one core of a 2020s x86-64 server at n = 1024), using
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
//       pack b[pc:pc+KC, jc:jc+NC] into bPack        KC × NC
//       for ic in steps of MC    rows of a and out                 (M → MC)
//         pack a[ic:ic+MC, pc:pc+KC] into aPack      MC × KC
//         for jr in steps of NR  (one KC × NR sliver of bPack)
//           for ir in steps of MR (one MR × KC sliver of aPack)
//             out[ir:ir+MR, jr:jr+NR] += aSliver @ bSliver      ← the micro-kernel
//
// The register tile is what matters most. The micro-kernel keeps the MR × NR = 4 × 4 tile
// of out in 16 local variables. Each step of its k loop loads 4 values of a and 4 of b and
// does 16 multiply-adds, so 8 loads feed 32 flops, against 2 loads and a store per 2 flops
// in the naive loop, where every partial sum also goes back to memory. 4 × 4 keeps the
// accumulators plus the operands in reach of the 16 floating-point registers of x86-64
// (V8 does not vectorize, so each is one scalar); measured in Node 20, 4 × 8 and 3 × 8
// spill and run 30–60% slower, and 2 × 8 ran about 15% slower than 4 × 4.
//
// Packing copies a sliver into the exact order the micro-kernel reads it, so its loads are
// one contiguous stream with stride 1:
//   aPack: for each MR-row sliver, k-major: a[r0,k] a[r1,k] a[r2,k] a[r3,k], a[r0,k+1] …
//   bPack: for each NR-col sliver, k-major: b[k,c0] b[k,c1] b[k,c2] b[k,c3], b[k+1,c0] …
// Each packed value is then reused many times: an a sliver for every b sliver of the
// panel (NC / NR times), a b sliver for every a sliver of the block (MC / MR times).
// The packed buffers are Float64Array whatever the input type: a float32 input is converted
// once while packing instead of at every load in the hot loop, and the tile accumulates in
// float64 (JavaScript arithmetic is float64 anyway), rounding to float32 only on store.
// Rows and columns past the edge of the matrix are packed as zeros, so the micro-kernel
// always runs a full 4 × 4 tile and only the store step looks at the real tile size.
//
// Cache blocks, in float64 (8 bytes):
//   KC = 512: one a sliver (4 × 512) and one b sliver (512 × 4) are 16 KiB each, so the
//             pair the micro-kernel streams sits in L1 / L2. A deep KC also means each
//             4 × 4 tile is loaded and stored only ⌈K / KC⌉ times, and the per-tile
//             overhead (call, stores) is spread over 512 steps of k.
//   MC = 64:  aPack is 64 × 512 = 256 KiB, re-read for every b sliver: an L2-sized block.
//   NC = 256: bPack is 512 × 256 = 1 MiB, re-read once per a block (from L2 / L3).
// A scalar JavaScript micro-kernel needs only a few GB/s (~1.5 flops per cycle, 1 load per
// 4 flops), which any cache level can supply, so these outer sizes matter much less than in
// a SIMD BLAS: measured at n = 1024, KC = 512 beat KC = 256 by ~5%, and MC, NC between
// 32 and 512 were within noise.
// ---------------------------------------------------------------------------------------

const MR = 4;
const NR = 4;
const KC = 512;
const MC = 64;
const NC = 256;

// Packing buffers, allocated once (1.25 MiB) and reused by every call; kernels are
// synchronous, so one set is enough. They are module-level constants on purpose: V8 then
// treats the arrays (their data pointer and length) as constants inside the micro-kernel,
// which made it ~20% faster than receiving them as arguments or growing them on demand.
const aPack = new Float64Array(MC * KC);
const bPack = new Float64Array(KC * NC);
// The 4 × 4 tile of out the micro-kernel hands to storeTile.
const tile = new Float64Array(MR * NR);

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
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      // The first depth block stores into out; later ones add to it.
      const accumulate = pc > 0;
      packB(b, bOff + pc * N + jc, N, kc, nc, bPack);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packA(a, aOff + ic * K + pc, K, mc, kc, aPack);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            microKernel4x4(ir * kc, jr * kc, kc);
            storeTile(out, outOff + (ic + ir) * N + jc + jr, N, mr, nr, accumulate);
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
 * tile (4 × 4, row-major) = a sliver (4, kc) @ b sliver (kc, 4), packed k-major at
 * `ai` in aPack and `bi` in bPack. The 16 sums live in locals so V8 can keep them in
 * registers; this k loop is the only hot loop in the whole product.
 *
 * The kernel touches nothing but Float64Arrays: storing into `out` (a Float32Array or a
 * Float64Array, depending on the call) is left to `storeTile`, so that V8 compiles this
 * loop for one array type only (with the stores inlined here it ran ~5% slower).
 */
function microKernel4x4(ai: number, bi: number, kc: number): void {
  const ap = aPack;
  const bp = bPack;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  // One step of k: 4 values of a (a column of the a sliver), then each of the 4 values of
  // b (a row of the b sliver) times all four. Written as a counted loop over q = 4k, with
  // the a values loaded first, because that is the form V8 compiled fastest: ~20% faster
  // than bumping two pointers to an end index, or loading the b row first.
  const kc4 = kc * 4;
  for (let q = 0; q < kc4; q += 4) {
    const a0 = ap[ai + q], a1 = ap[ai + q + 1], a2 = ap[ai + q + 2], a3 = ap[ai + q + 3];
    let y = bp[bi + q];
    c00 += a0 * y; c10 += a1 * y; c20 += a2 * y; c30 += a3 * y;
    y = bp[bi + q + 1];
    c01 += a0 * y; c11 += a1 * y; c21 += a2 * y; c31 += a3 * y;
    y = bp[bi + q + 2];
    c02 += a0 * y; c12 += a1 * y; c22 += a2 * y; c32 += a3 * y;
    y = bp[bi + q + 3];
    c03 += a0 * y; c13 += a1 * y; c23 += a2 * y; c33 += a3 * y;
  }

  tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
  tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
  tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
  tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
}

/**
 * out[o + r·ldc + c] = (or +=, when accumulating over depth blocks) tile[r·4 + c] for the
 * mr × nr part of the tile that lies inside out (less than 4 × 4 only at the edges).
 */
function storeTile(out: MatmulArray, o: number, ldc: number, mr: number, nr: number, accumulate: boolean): void {
  for (let r = 0; r < mr; r++) {
    const row = o + r * ldc;
    const t = r * NR;
    if (accumulate) for (let c = 0; c < nr; c++) out[row + c] += tile[t + c];
    else for (let c = 0; c < nr; c++) out[row + c] = tile[t + c];
  }
}
