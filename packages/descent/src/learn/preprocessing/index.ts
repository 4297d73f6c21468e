/** `descent/learn` preprocessing: scalers, encoders, polynomial features, discretization, target encoding and imputation. */
export { LabelEncoder, OneHotEncoder, OrdinalEncoder, readCategorical, type CategoricalLike, type OneHotEncoderParams, type OrdinalEncoderParams } from './encoders.js';
export { SimpleImputer, type SimpleImputerParams } from './imputer.js';
export { PolynomialFeatures, type PolynomialFeaturesParams } from './polynomial.js';
export { Normalizer, RobustScaler, type NormalizerParams, type RobustScalerParams } from './robust-normalizer.js';
export { MaxAbsScaler, MinMaxScaler, StandardScaler, type MinMaxScalerParams, type StandardScalerParams } from './scalers.js';
export { KBinsDiscretizer, kmeans1d, type KBinsDiscretizerParams } from './discretization.js';
export { linspace, percentile, quantile } from '../base/quantiles.js';
export { FunctionTransformer, registerFunction, type FunctionTransformerParams, type MatrixFunction } from './function-transformer.js';
export { TargetEncoder, type TargetEncoderParams } from './target-encoder.js';
export { KNNImputer, nanEuclidean, type KNNImputerParams } from './knn-imputer.js';
export { IterativeImputer, type ImputationStep, type IterativeImputerParams } from './iterative-imputer.js';
