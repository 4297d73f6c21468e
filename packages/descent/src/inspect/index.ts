/**
 * `descent/inspect`: explaining fitted models. Permutation importance, partial dependence
 * with ICE curves, Shapley values for any model (Kernel SHAP) and exact ones for trees
 * (Tree SHAP), LIME's local linear surrogates, and metrics sliced by group.
 *
 * ```ts
 * import { KernelExplainer, permutationImportance } from 'descent/inspect';
 * ```
 */
export { permutationImportance, type PermutationImportanceOptions, type PermutationImportanceResult } from './permutation-importance.js';
export {
  featureGrid, mquantile, partialDependence, partialDependenceChart, type PartialDependenceOptions, type PartialDependenceResult,
} from './partial-dependence.js';
export { KernelExplainer, type KernelExplainerOptions, type PredictFn } from './kernel-explainer.js';
export {
  TreeExplainer, shapTreeOf, shapTreeOfHist, treeExpectedValue, treeShap, type ShapTree, type TreeModel,
} from './tree-explainer.js';
export { groupMetrics, type GroupMetricsResult } from './group-metrics.js';
export {
  LimeTabularExplainer, weightedRidge, type LimeExplainOptions, type LimeExplanation, type LimeTabularOptions,
} from './lime.js';
