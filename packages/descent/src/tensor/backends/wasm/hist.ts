/**
 * The histograms of histogram gradient boosting (learn/ensemble/hist-grower.ts) through
 * hist.c. The histogram positions of every sample and the tree's gradients and hessians are
 * copied into WebAssembly memory once per tree; each node then copies in its rows and copies
 * its histogram out, and, for histogram subtraction, its parent's histogram in and the
 * difference out. The histograms equal the JavaScript loops' bit for bit (hist.c says why),
 * so a fit grows the same trees whichever runs.
 */
import type { Kernel } from '../../backend.js';
import { copyIn, heapViews, slots, type WasmContext } from './context.js';

/**
 * Builds node histograms for one tree: `slot` (n, m) the samples' histogram positions
 * (hist-layout.ts), `g`, `h` (n) their gradients and hessians, `size` the histogram length.
 * The returned function writes into `hist` (size) the histogram of rows[start … end) and,
 * given `parent` (size), subtracts that histogram from it in place. It is
 * valid until another WebAssembly kernel runs (they share the scratch memory): the tree
 * grower calls none while it grows a tree.
 */
export type HistBuilderKernel = (
  slot: Uint16Array | Int32Array, m: number, g: Float64Array, h: Float64Array, size: number,
) => (rows: Int32Array, start: number, end: number, hist: Float64Array, parent?: Float64Array) => void;

interface HistExports {
  hist_build_f64(slot: number, wide: number, m: number, rows: number, count: number, g: number, h: number, hist: number, size: number): void;
  hist_subtract_f64(parent: number, child: number, size: number): void;
}

export function histKernels(ctx: WasmContext, backend: string, priority: number): Kernel[] {
  const c = ctx.exports as unknown as HistExports;
  const builder: HistBuilderKernel = (slot, m, g, h, size) => {
    const n = g.length;
    const wide = slot instanceof Int32Array ? 1 : 0;
    const { at: [ps, pg, ph, pr, phist, pparent], buffer } = slots(ctx, [slot.byteLength, 8 * n, 8 * n, 4 * n, 8 * size, 8 * size]);
    const { f64, i32 } = heapViews(buffer);
    new Uint8Array(buffer, ps, slot.byteLength).set(new Uint8Array(slot.buffer, slot.byteOffset, slot.byteLength));
    copyIn(f64, pg / 8, g, 0, n);
    copyIn(f64, ph / 8, h, 0, n);
    const out = f64.subarray(phist / 8, phist / 8 + size);
    const outParent = f64.subarray(pparent / 8, pparent / 8 + size);
    return (rows, start, end, hist, parent) => {
      i32.set(rows.subarray(start, end), pr / 4);
      c.hist_build_f64(ps, wide, m, pr, end - start, pg, ph, phist, size);
      hist.set(out);
      if (parent) {
        outParent.set(parent);
        c.hist_subtract_f64(pparent, phist, size);
        parent.set(outParent);
      }
    };
  };
  return [{ op: 'histBuilder', backend, dtypes: ['float64'], priority, fn: builder }];
}
