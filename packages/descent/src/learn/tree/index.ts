/** Decision trees: CART growth, cost-complexity pruning, text export. */
export {
  DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor,
  type DecisionTreeClassifierParams, type DecisionTreeRegressorParams,
} from './decision-tree.js';
export type { CriterionName } from './criterion.js';
export type { MaxFeatures, TreeParams } from './params.js';
export type { PruningPath } from './pruning.js';
export type { TreeArrays } from './tree-arrays.js';
export { exportText, type ExportTextOptions } from './export-text.js';
