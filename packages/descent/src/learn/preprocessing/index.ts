/** `descent/learn` preprocessing: scalers, encoders, polynomial features and imputation. */
export { LabelEncoder, OneHotEncoder, OrdinalEncoder, readCategorical, type CategoricalLike, type OneHotEncoderParams, type OrdinalEncoderParams } from './encoders.js';
export { SimpleImputer, type SimpleImputerParams } from './imputer.js';
export { PolynomialFeatures, type PolynomialFeaturesParams } from './polynomial.js';
export { Normalizer, RobustScaler, type NormalizerParams, type RobustScalerParams } from './robust-normalizer.js';
export { MaxAbsScaler, MinMaxScaler, StandardScaler, type MinMaxScalerParams, type StandardScalerParams } from './scalers.js';
