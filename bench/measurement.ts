// The record every benchmark case produces; run.ts prints these and writes them to JSON.

export type ImplId = 'descent' | 'descent-js' | 'loop' | 'tfjs-cpu' | 'tfjs-wasm' | 'ml-matrix';

export const IMPL_LABELS: Record<ImplId, string> = {
  'descent': 'Descent',
  // Descent with its WebAssembly kernels switched off (useBackends: the JavaScript kernels only).
  'descent-js': 'Descent js',
  'loop': 'plain loop',
  'tfjs-cpu': 'tfjs cpu',
  'tfjs-wasm': 'tfjs wasm',
  'ml-matrix': 'ml-matrix',
};

export interface Measurement {
  group: 'matmul' | 'elementwise';
  /** 'matmul', 'add', 'exp', 'sum'. */
  op: string;
  dtype: 'float32' | 'float64';
  /** n for an (n, n) @ (n, n) product, or the number of elements. */
  size: number;
  impl: ImplId;
  /** Throughput, or null when the library cannot do this case (tfjs has no float64). */
  value: number | null;
  unit: 'GFLOP/s' | 'M elements/s';
  /** Median wall time per call (ms); value is computed from this. */
  medianMs: number | null;
  samplesMs: number[];
  /** Median CPU time per call (ms), to tell a slow kernel from a busy machine. */
  cpuMedianMs?: number;
  note?: string;
}

export interface Ratio {
  group: Measurement['group'];
  op: string;
  dtype: Measurement['dtype'];
  size: number;
  anchor: ImplId;
  /** Descent's throughput divided by the anchor's: above 1 means Descent is faster. */
  descentOverAnchor: number | null;
}
