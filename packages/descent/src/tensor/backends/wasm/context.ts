/**
 * What the kernels in this folder's other TypeScript files (optim.ts, reduce.ts,
 * broadcast.ts, activations.ts) need from the instance that index.ts loads: its exported C
 * functions, the first free byte of its memory, and a way to make room there.
 */
export interface WasmContext {
  /** The module's exports: its memory and the C functions by name (pointers are byte offsets). */
  readonly exports: WebAssembly.Exports & { memory: WebAssembly.Memory };
  /** The first free byte above the module's static data and stack (16-byte aligned). */
  readonly heapBase: number;
  /** Room for `bytes` bytes at heapBase, growing the memory if needed; returns its (new) buffer. */
  reserve(bytes: number): ArrayBuffer;
}

export const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * Byte offsets for consecutive 16-byte-aligned slots of the given byte sizes, starting at
 * heapBase, and the memory's buffer after making room for all of them. Views on the buffer
 * must be made after this call: growing the memory replaces it.
 */
export function slots(ctx: WasmContext, bytes: readonly number[]): { at: number[]; buffer: ArrayBuffer } {
  const at: number[] = [];
  let end = ctx.heapBase;
  for (const b of bytes) { at.push(end); end += align16(b); }
  return { at, buffer: ctx.reserve(end - ctx.heapBase) };
}

/**
 * Views of the whole memory in each element type, made again only when the memory's buffer
 * changes (it does when the memory grows). A kernel call on small arrays is dominated by
 * its fixed costs, and a fresh typed-array view costs about 100 ns.
 */
export interface HeapViews { f32: Float32Array; f64: Float64Array; i32: Int32Array }
let viewsOf: ArrayBuffer | null = null;
let views: HeapViews = { f32: new Float32Array(0), f64: new Float64Array(0), i32: new Int32Array(0) };
export function heapViews(buffer: ArrayBuffer): HeapViews {
  if (buffer !== viewsOf) {
    viewsOf = buffer;
    views = { f32: new Float32Array(buffer), f64: new Float64Array(buffer), i32: new Int32Array(buffer) };
  }
  return views;
}

/**
 * heap[at … at + n) ← src[off … off + n); `at` counts elements of heap's type. Always one
 * `set`: a plain loop measured slower even for 32–64 values (its element accesses see every
 * typed-array type and are not specialized), and a whole array is passed without a view.
 */
export function copyIn(heap: Float32Array | Float64Array, at: number, src: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, off: number, n: number): void {
  heap.set(off === 0 && src.length === n ? src : src.subarray(off, off + n), at);
}

/** dst[off … off + n) ← heap[at … at + n). */
export function copyOut(dst: Float32Array | Float64Array | Int32Array | Uint8Array, off: number, heap: Float32Array | Float64Array, at: number, n: number): void {
  dst.set(heap.subarray(at, at + n), off);
}
