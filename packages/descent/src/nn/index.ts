/**
 * `descent/nn`: neural-network modules with PyTorch's names and defaults.
 *
 * ```ts
 * import { Sequential, Linear, ReLU, F } from 'descent/nn';
 * import { Adam } from 'descent/optim';
 * const model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
 * const opt = new Adam(model.parameters(), { lr: 1e-3 });
 * const loss = F.crossEntropy(model.forward(X), y);
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 */
export { Module, Parameter, type ForwardHook, type StateDict } from './module.js';
export * as F from './functional/index.js';
export * as init from './init.js';
export { Linear, Bilinear, type LinearOptions } from './layers/linear.js';
export * from './layers/activation.js';
export { Sequential, ModuleList, Flatten, Identity } from './layers/container.js';
export { Dropout } from './layers/dropout.js';
export { Embedding } from './layers/embedding.js';
export { LayerNorm } from './layers/layer-norm.js';
export { BatchNorm1d, BatchNorm2d, GroupNorm, type BatchNormOptions } from './layers/batch-norm.js';
export { Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, type Conv2dOptions } from './layers/conv.js';
export { Conv1d, MaxPool1d, AvgPool1d, type Conv1dOptions } from './layers/conv1d.js';
export { ConvTranspose2d, type ConvTranspose2dOptions } from './layers/conv-transpose.js';
export * from './layers/loss.js';
export { RNN, LSTM, GRU, type RNNOptions } from './layers/recurrent.js';
export { RNNCell, LSTMCell, GRUCell, type CellOptions } from './layers/recurrent-cells.js';
export { MultiheadAttention, type MultiheadAttentionOptions, type MultiheadAttentionForward } from './layers/attention.js';
export {
  TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder, generateSquareSubsequentMask,
  type TransformerLayerOptions, type TransformerActivation, type EncoderForwardOptions, type DecoderForwardOptions,
} from './layers/transformer.js';
export { saveState, loadState } from './serialize.js';
// FLOPs from module shapes (lesson 46; README: "What things cost")
export { countFlops, COUNTED_LAYERS, LAYER_FLOP_FORMULAS, type FlopCount, type LayerFlops } from './flops.js';
// LLM building blocks (README: "LLM building blocks")
export { RMSNorm, type RMSNormOptions } from './layers/rms-norm.js';
export { RotaryEmbedding } from './layers/rotary.js';
export { SwiGLU, type SwiGLUOptions } from './layers/swiglu.js';
export {
  GroupedQueryAttention, KVCache, type GroupedQueryAttentionOptions, type GroupedQueryAttentionForward,
} from './layers/grouped-query-attention.js';
export { LoRALinear, type LoRAOptions } from './layers/lora.js';
export { MixtureOfExperts, type MixtureOfExpertsOptions } from './layers/mixture-of-experts.js';
export { sample, samplingProbs, type SamplingOptions } from './functional/sampling.js';
export { speculativeStep } from './functional/speculative.js';
export { dpoLoss, sequenceLogProbs } from './functional/preference.js';
// Sequence to sequence (README: "Sequence to sequence")
export { BahdanauAttention, LuongAttention, type AttentionResult, type AttentionOptions, type LuongScore } from './layers/seq2seq-attention.js';
export {
  Seq2Seq, EncoderRNN, DecoderRNN,
  type Seq2SeqOptions, type Seq2SeqForward, type Seq2SeqCell, type Seq2SeqAttention, type RecurrentState, type Memory, type DecoderStep,
} from './layers/seq2seq.js';
export { beamSearch, greedySearch, type StepFn, type DecodeOptions, type BeamSearchOptions, type Hypothesis } from './functional/beam-search.js';
