/**
 * A portable file for model weights, readable in Node and the browser:
 *
 *   bytes 0–7   magic "DESCENT\0"
 *   bytes 8–11  header length H (uint32, little-endian)
 *   next H      JSON header: { format: 'descent-state', version: 1, meta, tensors: [{ name, dtype, shape, offset }] }
 *   then        each tensor's values, little-endian, at `offset` bytes from the start of this
 *               section (8-byte aligned)
 *
 * ```ts
 * const bytes = saveState(model.stateDict(), { arch: 'mlp-64-128-10' });   // a Uint8Array: write it anywhere
 * model.loadStateDict(loadState(bytes).state);
 * ```
 */
import { Tensor, tensor, type DType } from '../tensor/index.js';
import type { StateDict } from './module.js';

const MAGIC = 'DESCENT\0';
const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };

interface Entry { name: string; dtype: DType; shape: number[]; offset: number }

export function saveState(state: StateDict, meta: Record<string, unknown> = {}): Uint8Array {
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(state)) {
    entries.push({ name, dtype: t.dtype, shape: [...t.shape], offset });
    offset += Math.ceil((t.size * BYTES[t.dtype]) / 8) * 8;
  }
  const header = new TextEncoder().encode(JSON.stringify({ format: 'descent-state', version: 1, meta, tensors: entries }));
  const start = Math.ceil((12 + header.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  const view = new DataView(out.buffer);
  entries.forEach((e, k) => {
    const values = Object.values(state)[k].toTypedArray();
    const at = start + e.offset;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (e.dtype === 'float32') view.setFloat32(at + 4 * i, v, true);
      else if (e.dtype === 'float64') view.setFloat64(at + 8 * i, v, true);
      else if (e.dtype === 'int32') view.setInt32(at + 4 * i, v, true);
      else view.setUint8(at + i, v);
    }
  });
  return out;
}

export function loadState(bytes: Uint8Array): { state: StateDict; meta: Record<string, unknown> } {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 12 || magic !== MAGIC) {
    throw new Error('loadState: this is not a Descent weights file (it does not start with "DESCENT"); save one with saveState(model.stateDict())');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  let header: { format: string; version: number; meta: Record<string, unknown>; tensors: Entry[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
  } catch {
    throw new Error('loadState: the file header is damaged (not valid JSON); the file may be truncated');
  }
  if (header.format !== 'descent-state' || header.version !== 1) {
    throw new Error(`loadState: unsupported format ${header.format} version ${header.version}; this Descent reads descent-state version 1`);
  }
  const start = Math.ceil((12 + headerLength) / 8) * 8;
  const state: StateDict = {};
  for (const e of header.tensors) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const at = start + e.offset;
    if (at + n * BYTES[e.dtype] > bytes.length) throw new Error(`loadState: the file ends before the values of ${e.name}; it is truncated`);
    const values = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      if (e.dtype === 'float32') values[i] = view.getFloat32(at + 4 * i, true);
      else if (e.dtype === 'float64') values[i] = view.getFloat64(at + 8 * i, true);
      else if (e.dtype === 'int32') values[i] = view.getInt32(at + 4 * i, true);
      else values[i] = view.getUint8(at + i);
    }
    state[e.name] = tensor(values, { dtype: e.dtype }).reshape(e.shape) as Tensor;
  }
  return { state, meta: header.meta };
}
