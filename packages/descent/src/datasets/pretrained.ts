/**
 * Trained weights that ship with the library, for lessons whose models take minutes to train:
 * the lesson loads them, checks the metric the training script recorded, and continues from
 * there. Each file is a Descent weights file (`saveState` in `descent/nn`), written by a
 * committed, seeded script under `tools/train/` that names its data, recipe and results in the
 * file's meta. The bytes ship as base64 text in a generated module, so loading needs no file
 * system and works the same in Node, in the page and in a Web Worker.
 *
 * | name     | what                                                       | script                    |
 * |----------|------------------------------------------------------------|---------------------------|
 * | `cnn-25` | lesson 25: digits CNN and MLP, Fashion-MNIST CNN and softmax regression | `tools/train/cnn_25.py` |
 * | `gpt-29` | lesson 29: the character-level GPT on `loadTinyText()`      | `tools/train/gpt_29.py`   |
 * | `rl-cartpole` | lessons 36–37: Double DQN (`dqn.*`) and PPO (`ppo.*`) on CartPole-v1, trained by Descent | `tools/train/rl_cartpole.ts` |
 * | `vision-26` | lesson 26: a ResNet backbone on Fashion-MNIST classes 0–4 (`backbone.*`) and a SimCLR digits encoder (`simclr.*`), trained by Descent | `tools/train/vision_26.ts` |
 * | `gan-digits` | lesson 30: a GAN generator for the 8×8 digits (`generator.*`, `mlp` of descent/generative) | `tools/train/gan_digits.py` |
 * | `ddpm-digits` | lesson 30: a DDPM noise predictor for the 8×8 digits (`denoiser.*`, `Denoiser`) | `tools/train/ddpm_digits.py` |
 *
 * ```ts
 * import { loadPretrained } from 'descent/datasets';
 * import { loadState } from 'descent/nn';
 * const { state, meta } = loadState(loadPretrained('gpt-29'));   // meta.testLoss: the script's result
 * model.loadStateDict(state);
 * ```
 */
import { decodeBase64 } from './base64.js';
import { weights as cnn25 } from './data/pretrained-cnn-25.js';
import { weights as gpt29 } from './data/pretrained-gpt-29.js';
import { weights as rlCartpole } from './data/pretrained-rl-cartpole.js';
import { weights as vision26 } from './data/pretrained-vision-26.js';
import { weights as ganDigits } from './data/pretrained-gan-digits.js';
import { weights as ddpmDigits } from './data/pretrained-ddpm-digits.js';

const PRETRAINED = {
  'cnn-25': cnn25,
  'gpt-29': gpt29,
  'rl-cartpole': rlCartpole,
  'vision-26': vision26,
  'gan-digits': ganDigits,
  'ddpm-digits': ddpmDigits,
} as const;

/** The names `loadPretrained` accepts. */
export type PretrainedName = keyof typeof PRETRAINED;

/** The bytes of a shipped weights file, decoded fresh on each call; read them with `loadState`. */
export function loadPretrained(name: PretrainedName): Uint8Array {
  if (!Object.prototype.hasOwnProperty.call(PRETRAINED, name)) {
    throw new RangeError(`loadPretrained: no shipped weights named ${JSON.stringify(name)}; the names are ${Object.keys(PRETRAINED).map((n) => `'${n}'`).join(', ')}`);
  }
  return decodeBase64(PRETRAINED[name]);
}
