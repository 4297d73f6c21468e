/**
 * `descent/optim`: optimizers, gradient clipping and learning-rate schedules with
 * PyTorch's names, defaults and update rules.
 *
 * ```ts
 * const opt = new AdamW(model.parameters(), { lr: 3e-4 });
 * const sched = new OneCycleLR(opt, { maxLr: 3e-3, totalSteps: 1000 });
 * opt.zeroGrad(); loss.backward(); clipGradNorm(model.parameters(), 1); opt.step(); sched.step();
 * ```
 */
export { Optimizer, type ParamGroup, type ParamsArg, type ParamState, type OptimizerStateDict } from './optimizer.js';
export { SGD, Adagrad, RMSprop, Adam, AdamW, type SGDOptions, type AdagradOptions, type RMSpropOptions, type AdamOptions } from './algorithms.js';
export { clipGradNorm, clipGradValue } from './clip.js';
export { LRScheduler, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR, ReduceLROnPlateau } from './schedulers.js';
export { lrFinder, suggestLr, type LrFinderOptions, type LrFinderResult } from './lr-finder.js';
