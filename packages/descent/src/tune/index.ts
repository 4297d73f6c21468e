/**
 * `descent/tune`: hyperparameter optimization with Optuna's concepts and names — studies,
 * trials, samplers (random, grid, TPE), pruners (median, successive halving, Hyperband).
 *
 * ```ts
 * import { createStudy, TPESampler } from 'descent/tune';
 * const study = await createStudy({ direction: 'minimize', sampler: new TPESampler({ seed: 0 }) });
 * await study.optimize((trial) => {
 *   const x = trial.suggestFloat('x', -10, 10);
 *   return (x - 2) ** 2;
 * }, { nTrials: 50 });
 * study.bestParams; // { x: ≈2 }
 * ```
 */
export { type Choice, type Distribution } from './distributions.js';
export { type FrozenTrial, type TrialState, Trial, TrialPruned, trialParams, lastStep } from './trial.js';
export { InMemoryStorage, type Storage, type StudyDirection } from './storage.js';
export { createStudy, Study, type CreateStudyOptions, type OptimizeOptions, type Objective } from './study.js';
export { type Sampler, intersectionSearchSpace } from './samplers/sampler.js';
export { RandomSampler } from './samplers/random.js';
export { GPSampler, expectedImprovement } from './samplers/gp.js';
export { NSGAIISampler } from './samplers/nsga2.js';
export { CmaEsSampler, type CmaEsSamplerOptions } from './samplers/cmaes.js';
export { CMA, type CMAOptions, type CMAState } from './samplers/cma.js';
export { paretoFront, nonDominatedSort, crowdingDistance, dominates } from './pareto.js';
export { GridSampler } from './samplers/grid.js';
export { TPESampler, type TPESamplerOptions, defaultGamma, defaultWeights, splitTrials } from './samplers/tpe.js';
export { ParzenEstimator } from './samplers/parzen.js';
export {
  type Pruner,
  NopPruner,
  PercentilePruner,
  MedianPruner,
  SuccessiveHalvingPruner,
  HyperbandPruner,
  percentileOf,
} from './pruners.js';
export { plotOptimizationHistory, plotParallelCoordinate, plotParetoFront } from './visualization.js';
export { getParamImportances, plotParamImportances } from './importance.js';
export { plotContour, interpolateGrid } from './contour.js';
export {
  suggestMLP, trainMLPTrial,
  type MLPSearchSpace, type SuggestedMLP, type NasActivation, type NasData, type TrainMLPOptions,
} from './nas.js';
