/**
 * Decoding a sequence from a model that gives next-token log-probabilities: greedy search
 * and beam search. Both work on any `StepFn`, so they decode a `Seq2Seq` (via
 * `Seq2Seq.stepper`), a language model, or a hand-made table of probabilities alike.
 *
 * Greedy search takes the single most likely token at every step. It can miss the most
 * likely *sequence*: a slightly less likely first token may lead to much more likely
 * continuations. Beam search keeps the `beamWidth` best partial sequences (by summed
 * log-probability) at every step, expands each by every token, and keeps the best
 * `beamWidth` of those (Graves 2012, "Sequence Transduction with RNNs", §2.1; Sutskever et
 * al. 2014 §3.2). With width 1 it is greedy search.
 *
 * Finished hypotheses and scores. A hypothesis that emits `eos` is finished and set aside;
 * the search stops once `beamWidth` hypotheses have finished (Hugging Face's
 * `early_stopping=True`) or after `maxLength` tokens, when the live ones are kept unfinished.
 * Summed log-probabilities favour short outputs (every token costs), so hypotheses are
 * ranked by the length-normalized score  logP / length^lengthPenalty  (Wu et al. 2016 use
 * a smoothed length; this is the simpler form Hugging Face's `length_penalty` uses):
 * lengthPenalty 0 ranks by raw logP, 1 by the mean log-probability per token. Length counts
 * the generated tokens, EOS included.
 */

/**
 * One decoding step for several hypotheses at once: the last token of each and its state
 * → each one's log-probabilities over the vocabulary and its new state.
 */
export type StepFn<S> = (tokens: number[], states: S[]) => { logProbs: ArrayLike<number>[]; states: S[] };

export interface DecodeOptions {
  /** Token that starts every sequence (fed at the first step, not returned). */
  bos: number;
  /** Token that ends a sequence (returned as the last token of finished hypotheses). */
  eos: number;
  /** Most tokens to generate. */
  maxLength: number;
}

export interface BeamSearchOptions extends DecodeOptions {
  /** Hypotheses kept at every step (default 4; 1 is greedy search). */
  beamWidth?: number;
  /** Exponent α in logP / length^α used to rank hypotheses (default 1; 0 = raw logP). */
  lengthPenalty?: number;
}

export interface Hypothesis {
  /** Generated tokens, without BOS; ends with EOS when `finished`. */
  tokens: number[];
  /** Sum of the tokens' log-probabilities. */
  logProb: number;
  /** logProb / length^lengthPenalty, what hypotheses are ranked by. */
  score: number;
  finished: boolean;
}

function checkOptions(op: string, o: DecodeOptions): void {
  for (const k of ['bos', 'eos'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new RangeError(`${op}: ${k} must be a token id (an integer >= 0), got ${o[k]}`);
  }
  if (!Number.isInteger(o.maxLength) || o.maxLength <= 0) throw new RangeError(`${op}: maxLength must be a positive integer, got ${o.maxLength}`);
}

function normalized(logProb: number, length: number, alpha: number): number {
  return alpha === 0 ? logProb : logProb / Math.pow(length, alpha);
}

/**
 * Greedy search: feed the most likely token until `eos` or `maxLength` tokens.
 *
 * ```ts
 * // A table: after BOS (0) token 1 is likely; after 1, EOS (2).
 * const step = (tokens: number[], states: null[]) => ({
 *   logProbs: tokens.map((t) => (t === 0 ? [-5, -0.1, -3] : [-5, -4, -0.05])), states,
 * });
 * greedySearch(step, null, { bos: 0, eos: 2, maxLength: 5 }).tokens;   // [1, 2]
 * ```
 */
export function greedySearch<S>(step: StepFn<S>, initial: S, options: DecodeOptions): Hypothesis {
  checkOptions('greedySearch', options);
  const tokens: number[] = [];
  let logProb = 0;
  let token = options.bos;
  let state = initial;
  for (let t = 0; t < options.maxLength; t++) {
    const out = step([token], [state]);
    const lp = out.logProbs[0];
    let best = 0;
    for (let v = 1; v < lp.length; v++) if (lp[v] > lp[best]) best = v;
    tokens.push(best);
    logProb += lp[best];
    state = out.states[0];
    token = best;
    if (best === options.eos) return { tokens, logProb, score: logProb, finished: true };
  }
  return { tokens, logProb, score: logProb, finished: false };
}

/**
 * Beam search (see the file comment). Returns the best hypothesis by length-normalized score
 * and every hypothesis it finished (or held at `maxLength`), best first.
 *
 * ```ts
 * const { best } = beamSearch(step, null, { bos: 0, eos: 2, maxLength: 5, beamWidth: 3 });
 * best.tokens; best.score;
 * ```
 */
export function beamSearch<S>(step: StepFn<S>, initial: S, options: BeamSearchOptions): { best: Hypothesis; hypotheses: Hypothesis[] } {
  const op = 'beamSearch';
  checkOptions(op, options);
  const width = options.beamWidth ?? 4;
  const alpha = options.lengthPenalty ?? 1;
  if (!Number.isInteger(width) || width <= 0) throw new RangeError(`${op}: beamWidth must be a positive integer, got ${width}`);
  if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new RangeError(`${op}: lengthPenalty must be a finite number >= 0, got ${alpha}`);
  const { eos, maxLength } = options;

  interface Beam { tokens: number[]; logProb: number; state: S }
  let live: Beam[] = [{ tokens: [], logProb: 0, state: initial }];
  const finished: Hypothesis[] = [];
  for (let t = 0; t < maxLength && live.length > 0 && finished.length < width; t++) {
    const out = step(live.map((b) => (b.tokens.length ? b.tokens[b.tokens.length - 1] : options.bos)), live.map((b) => b.state));
    if (out.logProbs.length !== live.length || out.states.length !== live.length) {
      throw new RangeError(`${op}: the step function returned ${out.logProbs.length} rows of log-probabilities and ${out.states.length} states for ${live.length} hypotheses; return one of each per hypothesis`);
    }
    // Every (beam, token) extension, ranked by total log-probability. Only the best
    // 2·width per beam can make the cut, which keeps the sort small for large vocabularies.
    const candidates: { beam: number; token: number; logProb: number }[] = [];
    for (let b = 0; b < live.length; b++) {
      const lp = out.logProbs[b];
      const order = Array.from({ length: lp.length }, (_, v) => v).sort((x, y) => lp[y] - lp[x]).slice(0, 2 * width);
      for (const v of order) {
        if (Number.isNaN(lp[v])) throw new RangeError(`${op}: the step function returned NaN log-probabilities; check the model's outputs`);
        candidates.push({ beam: b, token: v, logProb: live[b].logProb + lp[v] });
      }
    }
    candidates.sort((x, y) => y.logProb - x.logProb);
    const next: Beam[] = [];
    for (let rank = 0; rank < candidates.length && next.length < width; rank++) {
      const c = candidates[rank];
      if (c.logProb === -Infinity) break; // impossible extensions (probability 0) are never kept
      const tokens = [...live[c.beam].tokens, c.token];
      if (c.token === eos) {
        // An EOS among the top `width` candidates ends a hypothesis; lower-ranked EOS
        // candidates are dropped, so the live beam always refills to `width`.
        if (rank < width) finished.push({ tokens, logProb: c.logProb, score: normalized(c.logProb, tokens.length, alpha), finished: true });
      } else {
        next.push({ tokens, logProb: c.logProb, state: out.states[c.beam] });
      }
    }
    live = next;
  }
  const held = finished.length < width ? live.map((b) => ({ tokens: b.tokens, logProb: b.logProb, score: normalized(b.logProb, b.tokens.length, alpha), finished: false })) : [];
  const hypotheses = [...finished, ...held].sort((x, y) => y.score - x.score);
  return { best: hypotheses[0], hypotheses };
}
