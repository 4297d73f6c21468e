// What the bench's Python references share: the Python every group runs (PyTorch,
// scikit-learn, statsmodels, hnswlib), and, for python-anchors.ts and distributed.ts, the way
// they hand it inputs, raw little-endian arrays listed in a manifest.json that
// bench/python/anchors.py's load() reads. Kept apart from python-anchors.ts so that using it
// does not load TensorFlow.js (see bench/cnn-data.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's Python (python3-torch, python3-sklearn, …); DESCENT_BENCH_PYTHON overrides it, e.g. to check the bench without it. */
export const PYTHON = process.env.DESCENT_BENCH_PYTHON ?? '/usr/bin/python3';

/** Writes each array to `dir` as `<name>.bin` with its shape, plus manifest.json. */
export function writeArrays(dir: string, arrays: Record<string, [Float32Array | Float64Array | Int32Array, number[]]>): void {
  const manifest: Record<string, { file: string; dtype: string; shape: number[] }> = {};
  for (const [name, [a, shape]] of Object.entries(arrays)) {
    const dtype = a instanceof Float32Array ? '<f4' : a instanceof Float64Array ? '<f8' : '<i4';
    writeFileSync(join(dir, `${name}.bin`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    manifest[name] = { file: `${name}.bin`, dtype, shape };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}
