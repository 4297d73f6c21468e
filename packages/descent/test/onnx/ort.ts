/** Runs .onnx bytes in ONNX Runtime (the CPU build shipped in onnxruntime-node) for the tests. */
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import { Tensor } from '../../src/tensor/index.js';

export type Feed = Tensor | ort.Tensor;

/** An output as numbers (`data`), as returned (`raw`: strings stay strings) and its dims. */
export interface OrtOutput { data: number[]; raw: unknown[]; dims: readonly number[] }

/** Outputs by name; each as a flat number array and its dims. */
export async function runOrt(bytes: Uint8Array, inputs: Record<string, Feed>): Promise<Record<string, OrtOutput>> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(inputs)) {
    feeds[name] = !(t instanceof Tensor) ? t : new ort.Tensor('float32', Float32Array.from(t.contiguous().toTypedArray() as ArrayLike<number>), [...t.shape]);
  }
  const out = await session.run(feeds);
  await session.release();
  const result: Record<string, OrtOutput> = {};
  for (const [name, t] of Object.entries(out)) result[name] = { data: Array.from(t.data as ArrayLike<number | bigint>, Number), raw: Array.from(t.data as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v)), dims: t.dims };
  return result;
}

/** Asserts that `actual` matches the Descent tensor's values and shape within `tol` (absolute + relative). */
export function expectClose(actual: { data: number[]; dims: readonly number[] }, expected: Tensor, tol = 1e-4): void {
  expect([...actual.dims]).toEqual([...expected.shape]);
  const want = Array.from(expected.contiguous().toTypedArray() as ArrayLike<number>);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(actual.data[i] - want[i]) / (1 + Math.abs(want[i])));
  expect(worst).toBeLessThan(tol);
}
