/**
 * The convolution and pooling kernels of the `wasm-simd` backend (conv.c, pool.c), float32
 * and float64, behind the contracts of ../conv-kernels.ts.
 *
 * Each call lays its operands out above the module's heap base (the memory grows when a call
 * needs more), in the order of the C function's pointer arguments, runs the C kernel, and
 * copies the results out: one pass over each operand, a chunk of samples (or of pooling
 * planes) at a time, so that the operands in WebAssembly memory stay in the core's own cache
 * (CHUNK_BYTES).
 *
 * Threads: a convolution of at least MIN_THREADED_FLOPS (2·N·O·K·L, the same count as a
 * matmul's 2·M·N·K) is split into blocks of samples over the pool of threads.ts, as matmul is
 * split into blocks of rows: the inputs are copied once into a SharedArrayBuffer, this thread
 * computes block 0 and each worker one other block in its own instance. Forward and input
 * gradient are computed sample by sample either way, so they equal the one-thread result bit
 * for bit; the weight gradient is a sum over samples, which each thread sums over its block
 * before the blocks are added in order, so it equals the one-thread sum up to the rounding of
 * a reordered sum (test/nn/conv-fast.test.ts allows 1e-5 relative in float32).
 */
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import {
  windowCount, type AvgPool2dBackwardKernel, type AvgPool2dKernel, type Conv2dGeometry, type Conv2dInputGradKernel,
  type Conv2dKernel, type Conv2dWeightGradKernel, type MaxPool2dBackwardKernel, type MaxPool2dKernel, type Pool2dGeometry,
} from '../conv-kernels.js';
import { MIN_THREADED_FLOPS, pool, waitForWorkers, type CallJob } from './threads.js';

type Fn = (...args: number[]) => void;

/**
 * The most bytes of per-sample operands (or, for pooling, per-plane) that one kernel call
 * has in WebAssembly memory: a batch goes through in chunks of samples that fit, so the
 * copies in, the kernel and the copies out stay in the core's own 1.25 MB L2 cache instead
 * of passing through the L3 cache that other threads and programs share. The whole first
 * layer's output of a batch of 32 (0.7 MB) copied in and out at once was two such passes.
 */
const CHUNK_BYTES = 256 * 1024;

const align16 = (bytes: number) => (bytes + 15) & ~15;

/**
 * One pointer argument of a convolution kernel: `n` elements (per sample when `perSample`),
 * an input copied from `src` at `off`, an output copied to `dst` (a per-thread partial sum
 * when not per sample), scratch (neither), or absent (a null pointer: no bias).
 */
interface Region {
  n: number;
  perSample: boolean;
  src?: TypedArray;
  off?: number;
  out?: boolean;
  dst?: TypedArray;
  int32?: boolean;
  absent?: boolean;
}
const ABSENT: Region = { n: 0, perSample: false, absent: true };

/** Byte offsets of each region for a block of `count` samples, from 0, 16-byte aligned. */
function relativeLayout(regions: Region[], count: number, size: number): { at: number[]; bytes: number } {
  const at: number[] = [];
  let bytes = 0;
  for (const r of regions) {
    at.push(bytes);
    bytes += align16((r.perSample ? r.n * count : r.n) * (r.int32 ? 4 : size));
  }
  return { at, bytes };
}

/** The operands of threaded convolutions, shared with the workers (grown on demand). */
let shared: SharedArrayBuffer | null = null;

/** What index.ts shares with this file: the instance, and room above its heap base. */
export interface WasmRuntime {
  /** The instance's exports (the C functions by name, and `memory`). */
  exports(): { memory: WebAssembly.Memory } & Record<string, unknown>;
  /** The first free byte above the module's static data and stack (16-byte aligned). */
  base(): number;
  /** Room for `bytes` bytes at base(); returns the memory's current buffer. */
  reserve(bytes: number): ArrayBuffer;
  /** The compiled module, for the worker threads. */
  module(): WebAssembly.Module;
}


/** Places regions one after another from base(): each call returns an element offset's byte address. */
class Layout {
  at: number;
  constructor(base: number) { this.at = base; }
  take(bytes: number): number {
    const p = this.at;
    this.at += align16(bytes);
    return p;
  }
}

type View = Float32Array | Float64Array;
const viewOf = (f32: boolean, buffer: ArrayBufferLike, at: number, n: number): View => (f32 ? new Float32Array(buffer, at, n) : new Float64Array(buffer, at, n));

/** The convolution and pooling kernels, bound to the runtime index.ts hands over. */
export function wasmConvKernels(rt: WasmRuntime, backend: string, priority: number): Kernel[] {
  const fn = (name: string, f32: boolean) => rt.exports()[`${name}_${f32 ? 'f32' : 'f64'}`] as Fn;

  /** Reserves the layout's bytes and writes the geometry; returns the memory's buffer. */
  function setup(layout: Layout, geo: Int32Array, geoAt: number): ArrayBuffer {
    const buffer = rt.reserve(layout.at - rt.base());
    new Int32Array(buffer, geoAt, geo.length).set(geo);
    return buffer;
  }

  const convShape = (geo: Conv2dGeometry) => {
    const [C, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw, G] = geo;
    const Ho = windowCount(H, kh, sh, ph, dh), Wo = windowCount(W, kw, sw, pw, dw);
    const K = (C / G) * kh * kw;
    // The forward scratch also holds conv.c's direct path: a padded image, packed weights, a row block.
    const direct = (C / G) * (H + 2 * ph) * (W + 2 * pw) + 4 + 8 * K + 8 * (Wo + 3);
    const directW = (C / G) * (H + 2 * ph) * (W + 2 * pw) + 4 + 8 * Ho * (Wo + 3);
    return { CHW: C * H * W, O, K, L: Ho * Wo, Og: O / G, fwdScratch: Math.max(K * Ho * Wo, direct), wgradScratch: Math.max(K * Ho * Wo, directW) };
  };

  /**
   * Calls the C kernel `name` on N samples: on this thread alone, or (when the product is
   * large enough and the pool has workers) split into blocks of samples, block 0 here and
   * the others on the workers (threads.ts), the inputs copied once into a SharedArrayBuffer.
   * The regions are the kernel's pointer arguments in order; N is its last argument.
   */
  function runConv(name: string, f32: boolean, N: number, flops: number, regions: Region[]): void {
    const workers = flops >= MIN_THREADED_FLOPS && N >= 2 ? pool(rt.module()) : [];
    const threads = Math.min(workers.length + 1, N);
    if (threads <= 1) { runBlock(name, f32, 0, N, regions); return; }
    const size = f32 ? 4 : 8;
    const step = Math.ceil(N / threads);
    // The shared layout: every input once (per-sample inputs for the whole batch), every
    // per-sample output for the whole batch, and one copy of each summed output per thread.
    const at: number[] = [];
    let bytes = 0;
    for (const r of regions) {
      at.push(bytes);
      const elems = r.perSample ? r.n * N : r.out && !r.perSample ? r.n * threads : r.src ? r.n : 0;
      bytes += align16(elems * (r.int32 ? 4 : size));
    }
    if (shared === null || shared.byteLength < bytes) shared = new SharedArrayBuffer(bytes);
    const sh = shared;
    regions.forEach((r, i) => {
      if (r.out || !r.src) return;
      const n = r.perSample ? r.n * N : r.n;
      (r.int32 ? new Int32Array(sh, at[i], n) : viewOf(f32, sh, at[i], n)).set(r.src.subarray(r.off ?? 0, (r.off ?? 0) + n));
    });
    let posted = 0;
    for (let t = 1; t < threads && t * step < N; t++) {
      const n0 = t * step, count = Math.min(N, n0 + step) - n0;
      const rel = relativeLayout(regions, count, size);
      const copyIn: [number, number, number][] = [], copyOut: [number, number, number][] = [];
      regions.forEach((r, i) => {
        const width = r.int32 ? 4 : size;
        const len = (r.perSample ? r.n * count : r.n) * width;
        if (r.out) copyOut.push([rel.at[i], at[i] + (r.perSample ? n0 * r.n * width : t * r.n * width), len]);
        else if (r.src) copyIn.push([at[i] + (r.perSample ? n0 * r.n * width : 0), rel.at[i], len]);
      });
      // A CallJob (threads.ts): pointer arguments as { at } offsets from the worker's heap base.
      const args: CallJob['args'] = [...regions.map((r, i) => (r.absent ? 0 : { at: rel.at[i] })), count];
      const job: CallJob = { call: `${name}_${f32 ? 'f32' : 'f64'}`, bytes: rel.bytes, args, copyIn, copyOut, shared: sh, slot: t };
      workers[t - 1].postMessage(job);
      posted++;
    }
    runBlock(name, f32, 0, Math.min(step, N), regions);
    waitForWorkers(posted, 'conv2d');
    regions.forEach((r, i) => {
      if (!r.out || !r.dst) return;
      if (r.perSample) {
        if (N > step) r.dst.set(viewOf(f32, sh, at[i] + step * r.n * size, (N - step) * r.n), step * r.n);
        return;
      }
      // Summed outputs (the weight gradient): this thread's block, then each worker's, in order.
      for (let t = 1; t <= posted; t++) {
        const part = viewOf(f32, sh, at[i] + t * r.n * size, r.n);
        for (let j = 0; j < r.n; j++) r.dst[j] += part[j];
      }
    });
  }

  /**
   * Samples [n0, n0 + count) of a batch of N on this thread's instance, in chunks of samples
   * whose per-sample operands fit CHUNK_BYTES (see there). Forward and input gradient are
   * per sample, so the chunks give the same bits as one call; a summed output (the weight
   * gradient) stays in WebAssembly memory from chunk to chunk, cleared by the first call and
   * added to by `${name}_acc` after it, which adds the same terms in the same order.
   */
  function runBlock(name: string, f32: boolean, n0: number, count: number, regions: Region[]): void {
    const size = f32 ? 4 : 8;
    const perSampleBytes = regions.reduce((b, r) => b + (r.perSample ? r.n * (r.int32 ? 4 : size) : 0), 0);
    const chunk = Math.max(1, Math.min(count, Math.floor(CHUNK_BYTES / perSampleBytes)));
    const base = rt.base();
    const rel = relativeLayout(regions, chunk, size);
    const buffer = rt.reserve(rel.bytes);
    const view = (r: Region, i: number, n: number) => (r.int32 ? new Int32Array(buffer, base + rel.at[i], n) : viewOf(f32, buffer, base + rel.at[i], n));
    // Operands shared by every sample (weights, bias, geometry) once; scratch is not copied.
    regions.forEach((r, i) => { if (!r.out && r.src && !r.perSample) view(r, i, r.n).set(r.src.subarray(r.off ?? 0, (r.off ?? 0) + r.n)); });
    const args = regions.map((r, i) => (r.absent ? 0 : base + rel.at[i]));
    const first = fn(name, f32), next = regions.some((r) => r.out && !r.perSample) ? fn(`${name}_acc`, f32) : first;
    if (count === 0) first(...args, 0); // no samples: still clears a summed output
    for (let s0 = n0; s0 < n0 + count; s0 += chunk) {
      const k = Math.min(chunk, n0 + count - s0);
      regions.forEach((r, i) => {
        if (r.out || !r.src || !r.perSample) return;
        const from = (r.off ?? 0) + s0 * r.n;
        view(r, i, r.n * k).set(r.src.subarray(from, from + r.n * k));
      });
      (s0 === n0 ? first : next)(...args, k);
      for (let i = 0; i < regions.length; i++) {
        const r = regions[i];
        if (r.out && r.dst && r.perSample) r.dst.set(view(r, i, r.n * k), s0 * r.n);
      }
    }
    for (let i = 0; i < regions.length; i++) {
      const r = regions[i];
      if (r.out && r.dst && !r.perSample) r.dst.set(view(r, i, r.n));
    }
  }

  const conv2d: Conv2dKernel = (x, xOff, w, wOff, b, bOff, out, N, geo) => {
    const f32 = x instanceof Float32Array;
    const { CHW, O, K, L, fwdScratch } = convShape(geo);
    runConv('conv2d_fwd', f32, N, 2 * N * O * K * L, [
      { n: CHW, perSample: true, src: x, off: xOff },
      { n: O * K, perSample: false, src: w, off: wOff },
      b ? { n: O, perSample: false, src: b, off: bOff } : ABSENT,
      { n: O * L, perSample: true, out: true, dst: out },
      { n: fwdScratch, perSample: false },
      { n: geo.length, perSample: false, src: geo, off: 0, int32: true },
    ]);
  };

  const conv2dInputGrad: Conv2dInputGradKernel = (dy, dyOff, w, wOff, dx, N, geo) => {
    const f32 = dy instanceof Float32Array;
    const { CHW, O, K, L } = convShape(geo);
    runConv('conv2d_bwd_input', f32, N, 2 * N * O * K * L, [
      { n: O * L, perSample: true, src: dy, off: dyOff },
      { n: O * K, perSample: false, src: w, off: wOff },
      { n: CHW, perSample: true, out: true, dst: dx },
      { n: K * L, perSample: false },
      { n: geo.length, perSample: false, src: geo, off: 0, int32: true },
    ]);
  };

  const conv2dWeightGrad: Conv2dWeightGradKernel = (dy, dyOff, x, xOff, dw, db, N, geo) => {
    const f32 = dy instanceof Float32Array;
    const { CHW, O, K, L, Og, wgradScratch } = convShape(geo);
    runConv('conv2d_bwd_weight', f32, N, 2 * N * O * K * L, [
      { n: O * L, perSample: true, src: dy, off: dyOff },
      { n: CHW, perSample: true, src: x, off: xOff },
      { n: O * K, perSample: false, out: true, dst: dw },
      db ? { n: O, perSample: false, out: true, dst: db } : ABSENT,
      { n: wgradScratch, perSample: false },
      { n: Og * K, perSample: false },
      { n: geo.length, perSample: false, src: geo, off: 0, int32: true },
    ]);
  };

  const poolShape = (geo: Pool2dGeometry) => {
    const [H, W, kh, kw, sh, sw, ph, pw, dh, dw] = geo;
    return { HW: H * W, L: windowCount(H, kh, sh, ph, dh) * windowCount(W, kw, sw, pw, dw) };
  };

  /** How many planes of `bytesPerPlane` bytes go through in one call (CHUNK_BYTES). */
  const planesPerChunk = (P: number, bytesPerPlane: number) => Math.max(1, Math.min(P, Math.floor(CHUNK_BYTES / bytesPerPlane)));
  /** Runs `body(p0, k)` on planes [p0, p0 + k) of P, `chunk` at a time. */
  const eachChunk = (P: number, chunk: number, body: (p0: number, k: number) => void) => {
    for (let p0 = 0; p0 < P; p0 += chunk) body(p0, Math.min(chunk, P - p0));
  };

  const maxPool2d: MaxPool2dKernel = (x, xOff, out, idx, P, geo) => {
    const f32 = x instanceof Float32Array, size = f32 ? 4 : 8;
    const { HW, L } = poolShape(geo);
    const chunk = planesPerChunk(P, (HW + L) * size + L * 4);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), px = lay.take(chunk * HW * size), py = lay.take(chunk * L * size), pi = lay.take(chunk * L * 4);
    const buffer = setup(lay, geo, pGeo), run = fn('maxpool2d_fwd', f32);
    eachChunk(P, chunk, (p0, k) => {
      viewOf(f32, buffer, px, k * HW).set(x.subarray(xOff + p0 * HW, xOff + (p0 + k) * HW));
      run(px, py, pi, pGeo, k);
      out.set(viewOf(f32, buffer, py, k * L), p0 * L);
      idx.set(new Int32Array(buffer, pi, k * L), p0 * L);
    });
  };

  const maxPool2dBackward: MaxPool2dBackwardKernel = (dy, dyOff, idx, dx, P, geo) => {
    const f32 = dy instanceof Float32Array, size = f32 ? 4 : 8;
    const { HW, L } = poolShape(geo);
    const chunk = planesPerChunk(P, (HW + L) * size + L * 4);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), pdy = lay.take(chunk * L * size), pi = lay.take(chunk * L * 4), pdx = lay.take(chunk * HW * size);
    const buffer = setup(lay, geo, pGeo), run = fn('maxpool2d_bwd', f32);
    eachChunk(P, chunk, (p0, k) => {
      viewOf(f32, buffer, pdy, k * L).set(dy.subarray(dyOff + p0 * L, dyOff + (p0 + k) * L));
      new Int32Array(buffer, pi, k * L).set(idx.subarray(p0 * L, (p0 + k) * L));
      run(pdy, pi, pdx, pGeo, k);
      dx.set(viewOf(f32, buffer, pdx, k * HW), p0 * HW);
    });
  };

  /**
   * Average pooling's forward (`inPer` = H·W values a plane in, `outPer` = Ho·Wo out) or
   * backward (the other way round): the C kernel `name`, a chunk of planes at a time.
   */
  const avgPoolPass = (name: string, src: TypedArray, srcOff: number, dst: TypedArray, inPer: number, outPer: number, P: number, geo: Int32Array) => {
    const f32 = src instanceof Float32Array, size = f32 ? 4 : 8;
    const chunk = planesPerChunk(P, (inPer + outPer) * size);
    const lay = new Layout(rt.base());
    const pGeo = lay.take(64), pin = lay.take(chunk * inPer * size), pout = lay.take(chunk * outPer * size);
    const buffer = setup(lay, geo, pGeo), run = fn(name, f32);
    eachChunk(P, chunk, (p0, k) => {
      viewOf(f32, buffer, pin, k * inPer).set(src.subarray(srcOff + p0 * inPer, srcOff + (p0 + k) * inPer));
      run(pin, pout, pGeo, k);
      dst.set(viewOf(f32, buffer, pout, k * outPer), p0 * outPer);
    });
  };
  const avgPool2d: AvgPool2dKernel = (x, xOff, out, P, geo) => {
    const { HW, L } = poolShape(geo);
    avgPoolPass('avgpool2d_fwd', x, xOff, out, HW, L, P, geo);
  };
  const avgPool2dBackward: AvgPool2dBackwardKernel = (dy, dyOff, dx, P, geo) => {
    const { HW, L } = poolShape(geo);
    avgPoolPass('avgpool2d_bwd', dy, dyOff, dx, L, HW, P, geo);
  };

  const entries: [string, unknown][] = [
    ['conv2d', conv2d], ['conv2dInputGrad', conv2dInputGrad], ['conv2dWeightGrad', conv2dWeightGrad],
    ['maxPool2d', maxPool2d], ['maxPool2dBackward', maxPool2dBackward], ['avgPool2d', avgPool2d], ['avgPool2dBackward', avgPool2dBackward],
  ];
  return entries.map(([op, f]) => ({ op, backend, dtypes: ['float32', 'float64'] as const, priority, fn: f }));
}
