/** `descent/learn` composition: ColumnTransformer, FeatureUnion and column selectors. */
export { ColumnTransformer, makeColumnTransformer, type ColumnTransformerEntry, type ColumnTransformerParams } from './column-transformer.js';
export { FeatureUnion, type FeatureUnionParams } from './feature-union.js';
export { makeColumnSelector, type ColumnSelector, type Columns } from './selector.js';
