/**
 * Drawing the next token from a language model's logits, with the three usual knobs:
 *
 * - temperature τ: p ∝ exp(z / τ). τ < 1 sharpens, τ > 1 flattens, τ = 0 is greedy (argmax).
 * - top-k (Fan et al. 2018): keep the k most likely tokens.
 * - top-p, nucleus sampling (Holtzman et al. 2019, "The Curious Case of Neural Text
 *   Degeneration"): keep the smallest set of most likely tokens whose probability mass is
 *   ≥ p, so the cut-off adapts to how peaked the distribution is.
 *
 * Applied in that order (temperature, top-k, top-p, then renormalize), as in Hugging Face's
 * `generate`. Rows are processed on plain typed arrays: vocabularies are long and this is
 * not differentiated.
 */
import { Tensor, tensor } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { defaultGenerator, type Generator } from '../../random/index.js';

export interface SamplingOptions {
  /** Divides the logits (default 1); 0 picks the argmax. */
  temperature?: number;
  /** Keep only the k most likely tokens (default: all). */
  topK?: number;
  /** Keep the smallest most-likely set with mass ≥ topP, in (0, 1] (default 1: all). */
  topP?: number;
}

function check(op: string, logits: Tensor, o: SamplingOptions): void {
  if (logits.ndim < 1 || logits.shape[logits.ndim - 1] < 1) throw new RangeError(`${op}: logits must be (…, vocab) with vocab >= 1, got ${fmtShape(logits.shape)}`);
  const { temperature = 1, topK, topP = 1 } = o;
  if (!(temperature >= 0 && Number.isFinite(temperature))) throw new RangeError(`${op}: temperature must be a finite number >= 0, got ${temperature}`);
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 1)) throw new RangeError(`${op}: topK must be an integer >= 1, got ${topK}`);
  if (!(topP > 0 && topP <= 1)) throw new RangeError(`${op}: topP must be in (0, 1], got ${topP}`);
}

/** One row's filtered, renormalized distribution, written into `out`. */
function rowProbs(z: Float64Array, o: SamplingOptions, out: Float64Array): void {
  const V = z.length;
  const { temperature = 1, topK = V, topP = 1 } = o;
  out.fill(0);
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < V; i++) if (z[i] > z[best]) best = i;
    out[best] = 1;
    return;
  }
  let max = -Infinity;
  for (let i = 0; i < V; i++) if (z[i] > max) max = z[i];
  if (topK >= V && topP >= 1) {
    // No filter: a plain softmax of z/τ, without sorting the vocabulary.
    let total = 0;
    for (let i = 0; i < V; i++) total += (out[i] = Math.exp((z[i] - max) / temperature));
    for (let i = 0; i < V; i++) out[i] /= total;
    return;
  }
  // Token order, most likely first (stable: ties keep the lower index first).
  const order = Array.from({ length: V }, (_, i) => i).sort((a, b) => z[b] - z[a] || a - b);
  const k = Math.min(topK, V);
  let total = 0;
  for (let r = 0; r < k; r++) total += (out[order[r]] = Math.exp((z[order[r]] - max) / temperature));
  // Nucleus: walk down the kept tokens until their share of the mass reaches topP.
  let kept = k;
  if (topP < 1) {
    let mass = 0;
    for (let r = 0; r < k; r++) {
      mass += out[order[r]] / total;
      if (mass >= topP) { kept = r + 1; break; }
    }
  }
  let keptMass = 0;
  for (let r = 0; r < kept; r++) keptMass += out[order[r]];
  for (let r = kept; r < k; r++) out[order[r]] = 0;
  for (let r = 0; r < kept; r++) out[order[r]] /= keptMass;
}

/**
 * The distribution `sample` draws from: logits (…, vocab) → float64 probabilities (…, vocab),
 * zero outside the kept tokens.
 *
 * ```ts
 * samplingProbs(tensor([2, 1, 0, -1]), { topK: 2 }).toArray();   // [0.731…, 0.268…, 0, 0]
 * ```
 */
export function samplingProbs(logits: Tensor, options: SamplingOptions = {}): Tensor {
  check('samplingProbs', logits, options);
  const V = logits.shape[logits.ndim - 1];
  const z = Float64Array.from(logits.contiguous().toTypedArray() as ArrayLike<number>);
  const out = new Float64Array(z.length);
  for (let off = 0; off < z.length; off += V) rowProbs(z.subarray(off, off + V), options, out.subarray(off, off + V));
  return tensor(out, { shape: logits.shape, dtype: 'float64' });
}

/**
 * Draws one token index per row of logits (…, vocab) → int32 (…).
 *
 * ```ts
 * const logits = model.forward(tokens).select(1, -1);           // (B, vocab) at the last position
 * const next = sample(logits, { temperature: 0.8, topP: 0.9 }); // (B,)
 * ```
 */
export function sample(logits: Tensor, options: SamplingOptions & { generator?: Generator } = {}): Tensor {
  check('sample', logits, options);
  const gen = options.generator ?? defaultGenerator;
  const V = logits.shape[logits.ndim - 1];
  const probs = samplingProbs(logits, options).toTypedArray() as Float64Array;
  const rows = probs.length / V;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    // Inverse CDF; falling off the end by rounding takes the last token with mass.
    let u = gen.random();
    let pick = -1;
    for (let i = 0; i < V; i++) {
      const p = probs[r * V + i];
      if (p > 0) pick = i;
      if (u < p) { pick = i; break; }
      u -= p;
    }
    out[r] = pick;
  }
  return tensor(out, { shape: logits.shape.slice(0, -1), dtype: 'int32' });
}
