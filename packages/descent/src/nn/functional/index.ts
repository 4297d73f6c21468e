/** `F`: the functional forms of layers and losses (torch.nn.functional). */
export * from './activations.js';
export * from './losses.js';
export { sigmoidFocalLoss, multiMarginLoss, quantileLoss, contrastiveLoss } from './losses-extra.js';
export { dropout } from '../layers/dropout.js';
export { layerNorm } from '../layers/layer-norm.js';
export { conv2d, maxPool2d, avgPool2d, adaptiveAvgPool2d } from '../layers/conv.js';
export { conv1d, maxPool1d, avgPool1d } from '../layers/conv1d.js';
export { convTranspose2d } from '../layers/conv-transpose.js';
export { scaledDotProductAttention, type ScaledDotProductAttentionOptions } from '../layers/attention.js';
// LLM building blocks
export { rmsNorm } from '../layers/rms-norm.js';
export { applyRotaryEmb, rotaryCosSin, rotateHalf, type RotaryOptions } from '../layers/rotary.js';
export { sample, samplingProbs, type SamplingOptions } from './sampling.js';
export { dpoLoss, sequenceLogProbs } from './preference.js';
export { beamSearch, greedySearch, type StepFn, type DecodeOptions, type BeamSearchOptions, type Hypothesis } from './beam-search.js';
