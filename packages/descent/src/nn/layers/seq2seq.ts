/**
 * Encoder–decoder ("sequence to sequence") recurrent networks: an encoder RNN reads the
 * source tokens, a decoder RNN writes the target tokens one at a time, starting from the
 * encoder's final state (Sutskever, Vinyals & Le 2014; Cho et al. 2014). With attention the
 * decoder also looks back at every encoder output at every step (Bahdanau et al. 2015;
 * Luong et al. 2015), so the whole source need not fit in one state vector.
 *
 * Where attention sits in a decoder step (h = decoder state, y = previous token, K = encoder
 * outputs):
 * - none:      h' = cell(emb(y), h);                        logits = out(h')
 * - Bahdanau:  c = attn(h, K); h' = cell([emb(y); c], h);    logits = out(h')
 *   (attend with the previous state, feed the context in; Bahdanau et al. §3.1)
 * - Luong:     h' = cell(emb(y), h); c = attn(h', K);
 *              h̃ = tanh(W_c [c; h']);                       logits = out(h̃)
 *   (attend with the new state, mix the context out; Luong et al. eq. (5); their optional
 *   "input feeding" of h̃ into the next step is left out)
 *
 * Tokens are int32 tensors, batch first: source (B, S), decoder input (B, T). The decoder
 * input is the target shifted right behind a BOS token; the loss compares the logits at
 * step t with target token t.
 */
import { Tensor, noGrad, stack, tensor, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Generator } from '../../random/index.js';
import { Module } from '../module.js';
import { Embedding } from './embedding.js';
import { Linear } from './linear.js';
import { GRU, LSTM } from './recurrent.js';
import { GRUCell, LSTMCell } from './recurrent-cells.js';
import { BahdanauAttention, LuongAttention, catLast, type LuongScore } from './seq2seq-attention.js';

export type Seq2SeqCell = 'GRU' | 'LSTM';
export type Seq2SeqAttention = 'bahdanau' | LuongScore | null;

export interface Seq2SeqOptions {
  /** Source vocabulary size (token ids 0 … srcVocab − 1). */
  srcVocab: number;
  /** Target vocabulary size. */
  tgtVocab: number;
  /** Token embedding size, encoder and decoder (default 32). */
  embedDim?: number;
  /** Hidden size of both RNNs (default 64). */
  hiddenSize?: number;
  /** Recurrent cell of both RNNs (default 'GRU'). */
  cell?: Seq2SeqCell;
  /** 'bahdanau' (additive), Luong's 'dot', 'general' or 'concat', or null for none (default 'bahdanau'). */
  attention?: Seq2SeqAttention;
  /** Size of the additive score's hidden layer (Bahdanau, Luong concat; default hiddenSize). */
  attnDim?: number;
  dtype?: DType;
}

/** The decoder's recurrent state: [h] for a GRU, [h, c] for an LSTM, each (B, H). */
export type RecurrentState = Tensor[];

/** What the encoder hands the decoder: its outputs (the attention keys) and padding mask. */
export interface Memory {
  /** (B, S, H) encoder outputs. */
  keys: Tensor;
  /** (B, S) bool, true = padding, or null. */
  mask: Tensor | null;
  /** Bahdanau's U·keys, computed once per source: (B, S, attnDim), or null. */
  projected: Tensor | null;
}

export interface DecoderStep {
  /** (B, tgtVocab) unnormalized scores for the next token. */
  logits: Tensor;
  state: RecurrentState;
  /** (B, S) attention weights of this step, or null without attention. */
  weights: Tensor | null;
}

export interface Seq2SeqForward {
  /** (B, S) bool, true at source padding; attention never looks there. */
  srcPaddingMask?: Tensor | null;
  /**
   * Probability of feeding the true previous token at each step (teacher forcing); otherwise
   * the model's own previous argmax is fed. 1 (default) is pure teacher forcing, 0 is free running.
   */
  teacherForcingRatio?: number;
  /** Draws the teacher-forcing coin, one per step for the whole batch. */
  generator?: Generator;
}

function checkTokens(op: string, what: string, t: Tensor, vocab: number): void {
  if (t.ndim !== 2 || t.dtype !== 'int32') {
    throw new RangeError(`${op}: expected ${what} as an int32 tensor of token ids, shape (batch, length), got ${t.dtype} ${fmtShape(t.shape)}`);
  }
  if (t.shape[1] === 0) throw new RangeError(`${op}: ${what} is empty (length 0); sequences need at least one token`);
  const data = t.toArray() as number[][];
  for (const row of data) {
    for (const id of row) {
      if (id < 0 || id >= vocab) throw new RangeError(`${op}: ${what} holds token id ${id}, outside the vocabulary 0 … ${vocab - 1}; check the vocabulary size`);
    }
  }
}

/**
 * A recurrent encoder: embedding then a one-layer GRU or LSTM, batch first.
 * `forward(src)` returns the outputs (B, S, H), the attention keys, and the final state.
 *
 * ```ts
 * const enc = new EncoderRNN(20, 8, 16, 'LSTM');
 * const { outputs, state } = enc.forward(randint(0, 20, [4, 9], { dtype: 'int32' }));
 * outputs.shape; state.length;                     // [4, 9, 16], 2 (h and c)
 * ```
 */
export class EncoderRNN extends Module {
  embedding: Embedding;
  rnn: GRU | LSTM;

  constructor(readonly vocab: number, readonly embedDim: number, readonly hiddenSize: number, readonly cell: Seq2SeqCell = 'GRU', dtype: DType = 'float32') {
    super();
    this.embedding = new Embedding(vocab, embedDim, { dtype });
    this.rnn = cell === 'LSTM' ? new LSTM(embedDim, hiddenSize, { batchFirst: true, dtype }) : new GRU(embedDim, hiddenSize, { batchFirst: true, dtype });
  }

  /** src (B, S) int32 → outputs (B, S, H) and the final state, each (B, H). */
  forward(src: Tensor): { outputs: Tensor; state: RecurrentState } {
    const x = this.embedding.forward(src); // (B, S, E)
    if (this.rnn instanceof LSTM) {
      const [out, [h, c]] = this.rnn.forward(x);
      return { outputs: out, state: [h.squeeze(0), c.squeeze(0)] }; // (1, B, H) → (B, H)
    }
    const [out, h] = this.rnn.forward(x);
    return { outputs: out, state: [h.squeeze(0)] };
  }
}

/**
 * A recurrent decoder, one step at a time, with Bahdanau, Luong or no attention (see the
 * file comment for where each puts the attention). `step(prev, state, memory)` takes the
 * previous token ids (B) and returns the next token's logits, the new state and the weights.
 * `attention` defaults to 'bahdanau'.
 *
 * ```ts
 * const dec = new DecoderRNN(12, 8, 16, { attention: 'general' });
 * const memory = dec.memory(randn([4, 9, 16]));    // encoder outputs (B, S, H)
 * const { logits, state, weights } = dec.step(tensor([1, 1, 1, 1], { dtype: 'int32' }), [zeros([4, 16])], memory);
 * logits.shape; weights!.shape;                     // [4, 12], [4, 9]
 * ```
 */
export class DecoderRNN extends Module {
  embedding: Embedding;
  cell: GRUCell | LSTMCell;
  attention: BahdanauAttention | LuongAttention | null;
  /** Luong's W_c, mixing [context; h] into the attentional state h̃ (null otherwise). */
  combine: Linear | null = null;
  out: Linear;

  constructor(readonly vocab: number, readonly embedDim: number, readonly hiddenSize: number, options: { cell?: Seq2SeqCell; attention?: Seq2SeqAttention; attnDim?: number; dtype?: DType } = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    const kind = options.attention === undefined ? 'bahdanau' : options.attention;
    const H = hiddenSize;
    this.embedding = new Embedding(vocab, embedDim, { dtype });
    if (kind === 'bahdanau') this.attention = new BahdanauAttention(H, H, options.attnDim ?? H, { dtype });
    else if (kind === null) this.attention = null;
    else this.attention = new LuongAttention(H, H, { score: kind, attnDim: options.attnDim ?? H, dtype });
    const inSize = this.attention instanceof BahdanauAttention ? embedDim + H : embedDim;
    this.cell = options.cell === 'LSTM' ? new LSTMCell(inSize, H, { dtype }) : new GRUCell(inSize, H, { dtype });
    if (this.attention instanceof LuongAttention) this.combine = new Linear(2 * H, H, { bias: false, dtype });
    this.out = new Linear(H, vocab, { dtype });
  }

  /** Memory for `step`: the keys, their mask and (Bahdanau) the projected keys. */
  memory(keys: Tensor, mask: Tensor | null = null): Memory {
    const projected = this.attention instanceof BahdanauAttention ? this.attention.projectKeys(keys) : null;
    return { keys, mask, projected };
  }

  /** One step; the same as `step`. */
  forward(prev: Tensor, state: RecurrentState, memory: Memory): DecoderStep {
    return this.step(prev, state, memory);
  }

  /** prev (B) int32 token ids, state [h] or [h, c] (B, H) → logits (B, V), new state, weights (B, S). */
  step(prev: Tensor, state: RecurrentState, memory: Memory): DecoderStep {
    let x = this.embedding.forward(prev); // (B, E)
    let weights: Tensor | null = null;
    if (this.attention instanceof BahdanauAttention) {
      const a = this.attention.forward(state[0], memory.keys, memory.mask, memory.projected ?? undefined);
      weights = a.weights;
      x = catLast(x, a.context); // (B, E + H)
    }
    const next = this.cell instanceof LSTMCell ? this.cell.forward(x, [state[0], state[1]]) : [this.cell.forward(x, state[0])];
    let top = next[0]; // (B, H)
    if (this.attention instanceof LuongAttention) {
      const a = this.attention.forward(top, memory.keys, memory.mask);
      weights = a.weights;
      top = this.combine!.forward(catLast(a.context, top)).tanh(); // h̃ = tanh(W_c [c; h])
    }
    return { logits: this.out.forward(top), state: next, weights };
  }
}

/**
 * An encoder–decoder RNN with optional attention (see the file comment).
 * `forward(src, tgtIn)` runs the decoder over the whole decoder input (teacher forcing, or
 * partly free running with `teacherForcingRatio` < 1) and returns the logits (B, T, V) and
 * the attention weights (B, T, S). `greedy` decodes new sequences; `stepper` adapts one
 * source sequence to `beamSearch` / `greedySearch`.
 *
 * ```ts
 * const model = new Seq2Seq({ srcVocab: 20, tgtVocab: 15, attention: 'bahdanau' });
 * const src = randint(0, 20, [4, 9], { dtype: 'int32' });
 * const tgtIn = randint(0, 15, [4, 6], { dtype: 'int32' });
 * const { logits, attention } = model.forward(src, tgtIn);
 * logits.shape; attention!.shape;                          // [4, 6, 15], [4, 6, 9]
 * ```
 */
export class Seq2Seq extends Module {
  encoder: EncoderRNN;
  decoder: DecoderRNN;
  readonly options: Required<Omit<Seq2SeqOptions, 'dtype'>> & { dtype: DType };

  constructor(options: Seq2SeqOptions) {
    super();
    const H = options.hiddenSize ?? 64;
    const o = {
      srcVocab: options.srcVocab, tgtVocab: options.tgtVocab, embedDim: options.embedDim ?? 32, hiddenSize: H,
      cell: options.cell ?? 'GRU', attention: options.attention === undefined ? 'bahdanau' : options.attention,
      attnDim: options.attnDim ?? H, dtype: options.dtype ?? 'float32',
    } as const;
    for (const k of ['srcVocab', 'tgtVocab', 'embedDim', 'hiddenSize', 'attnDim'] as const) {
      if (!Number.isInteger(o[k]) || o[k] <= 0) throw new RangeError(`Seq2Seq: ${k} must be a positive integer, got ${o[k]}`);
    }
    if (o.cell !== 'GRU' && o.cell !== 'LSTM') throw new RangeError(`Seq2Seq: cell must be 'GRU' or 'LSTM', got '${String(o.cell)}'`);
    if (![null, 'bahdanau', 'dot', 'general', 'concat'].includes(o.attention)) {
      throw new RangeError(`Seq2Seq: attention must be 'bahdanau', 'dot', 'general', 'concat' or null, got '${String(o.attention)}'`);
    }
    this.options = o;
    this.encoder = new EncoderRNN(o.srcVocab, o.embedDim, H, o.cell, o.dtype);
    this.decoder = new DecoderRNN(o.tgtVocab, o.embedDim, H, { cell: o.cell, attention: o.attention, attnDim: o.attnDim, dtype: o.dtype });
  }

  /** Runs the encoder: the decoder's memory and initial state. */
  encode(src: Tensor, srcPaddingMask: Tensor | null = null): { memory: Memory; state: RecurrentState } {
    checkTokens('Seq2Seq', 'src', src, this.options.srcVocab);
    if (srcPaddingMask && (srcPaddingMask.dtype !== 'bool' || srcPaddingMask.ndim !== 2 || srcPaddingMask.shape[0] !== src.shape[0] || srcPaddingMask.shape[1] !== src.shape[1])) {
      throw new RangeError(`Seq2Seq: expected srcPaddingMask as a bool tensor of shape ${fmtShape(src.shape)} like src (true = padding), got ${srcPaddingMask.dtype} ${fmtShape(srcPaddingMask.shape)}`);
    }
    const { outputs, state } = this.encoder.forward(src);
    return { memory: this.decoder.memory(outputs, srcPaddingMask), state };
  }

  /**
   * src (B, S) and tgtIn (B, T) int32 (BOS then the target without its last token) →
   * logits (B, T, tgtVocab) and attention (B, T, S) (null without attention).
   */
  forward(src: Tensor, tgtIn: Tensor, options: Seq2SeqForward = {}): { logits: Tensor; attention: Tensor | null } {
    const ratio = options.teacherForcingRatio ?? 1;
    if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`Seq2Seq: teacherForcingRatio must be a probability in [0, 1], got ${ratio}`);
    checkTokens('Seq2Seq', 'tgtIn', tgtIn, this.options.tgtVocab);
    if (tgtIn.shape[0] !== src.shape[0]) throw new RangeError(`Seq2Seq: src and tgtIn must have the same batch size, got ${fmtShape(src.shape)} and ${fmtShape(tgtIn.shape)}`);
    const gen = options.generator ?? new Generator(0);
    const { memory, state: s0 } = this.encode(src, options.srcPaddingMask ?? null);
    const T = tgtIn.shape[1];
    const logits: Tensor[] = [];
    const weights: Tensor[] = [];
    let state = s0;
    let prev = tgtIn.select(1, 0); // (B) the BOS column
    for (let t = 0; t < T; t++) {
      const out = this.decoder.step(prev, state, memory);
      logits.push(out.logits);
      if (out.weights) weights.push(out.weights);
      state = out.state;
      if (t + 1 < T) {
        // Teacher forcing feeds the true token; otherwise the model's own guess (no gradient
        // flows through an argmax, as in Bengio et al. 2015's scheduled sampling).
        const teacher = ratio === 1 || (ratio > 0 && gen.random() < ratio);
        prev = teacher ? tgtIn.select(1, t + 1) : out.logits.detach().argmax(-1).astype('int32');
      }
    }
    return { logits: stack(logits, 1), attention: weights.length ? stack(weights, 1) : null }; // (B, T, V), (B, T, S)
  }

  /**
   * Greedy decoding of a batch: at each step feed the most likely token, until every row has
   * produced `eos` or `maxLength` tokens. Returns each row's tokens (without BOS, cut before
   * EOS) and its attention weights per emitted step (steps × S; empty without attention).
   */
  greedy(src: Tensor, options: { bos: number; eos: number; maxLength: number; srcPaddingMask?: Tensor | null }): { tokens: number[][]; attention: number[][][] } {
    const { bos, eos, maxLength } = options;
    if (!Number.isInteger(maxLength) || maxLength <= 0) throw new RangeError(`Seq2Seq.greedy: maxLength must be a positive integer, got ${maxLength}`);
    return noGrad(() => this.greedyLoop(src, bos, eos, maxLength, options.srcPaddingMask ?? null));
  }

  private greedyLoop(src: Tensor, bos: number, eos: number, maxLength: number, srcPaddingMask: Tensor | null): { tokens: number[][]; attention: number[][][] } {
    const B = src.shape[0];
    const { memory, state: s0 } = this.encode(src, srcPaddingMask);
    const tokens: number[][] = Array.from({ length: B }, () => []);
    const attention: number[][][] = Array.from({ length: B }, () => []);
    const done = new Array<boolean>(B).fill(false);
    let state = s0;
    let prev = tensor(new Int32Array(B).fill(bos), { dtype: 'int32' });
    for (let t = 0; t < maxLength && done.includes(false); t++) {
      const out = this.decoder.step(prev, state, memory);
      state = out.state;
      const next = out.logits.argmax(-1).astype('int32');
      const ids = Array.from(next.toArray() as number[]);
      const w = out.weights ? (out.weights.toArray() as number[][]) : null;
      for (let b = 0; b < B; b++) {
        if (done[b]) continue;
        if (ids[b] === eos) done[b] = true;
        else tokens[b].push(ids[b]);
        if (w) attention[b].push(w[b]);
      }
      prev = next;
    }
    return { tokens, attention };
  }

  /**
   * One source sequence src (1, S) as a step function over hypotheses, for `beamSearch` and
   * `greedySearch`: `step(tokens, states)` runs all live hypotheses as one batch and returns
   * each one's log-probabilities over the target vocabulary.
   */
  stepper(src: Tensor, srcPaddingMask: Tensor | null = null): { initial: RecurrentState; step: (tokens: number[], states: RecurrentState[]) => { logProbs: number[][]; states: RecurrentState[] } } {
    if (src.ndim !== 2 || src.shape[0] !== 1) throw new RangeError(`Seq2Seq.stepper: expected one source sequence of shape (1, S), got ${fmtShape(src.shape)}; decode a batch row by row`);
    const { memory, state } = noGrad(() => this.encode(src, srcPaddingMask));
    const step = (tokens: number[], states: RecurrentState[]) => noGrad(() => {
      const k = tokens.length;
      const expand = (t: Tensor | null) => (t ? t.expand([k, ...t.shape.slice(1)]) : null); // (1, …) → (k, …)
      const mem: Memory = { keys: expand(memory.keys)!, mask: expand(memory.mask), projected: expand(memory.projected) };
      const batched = states[0].map((_, j) => stack(states.map((s) => s[j]), 0)); // k × (H) → (k, H)
      const out = this.decoder.step(tensor(Int32Array.from(tokens), { dtype: 'int32' }), batched, mem);
      const logProbs = out.logits.astype('float64').logSoftmax(-1).toArray() as number[][];
      const next = Array.from({ length: k }, (_, i) => out.state.map((s) => s.select(0, i)));
      return { logProbs, states: next };
    });
    return { initial: state.map((s) => s.select(0, 0)), step };
  }
}
