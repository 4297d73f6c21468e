/**
 * `descent/datasets`: scikit-learn's bundled toy datasets (Iris, Wine, Breast Cancer,
 * Digits, Diabetes, Linnerud), the Palmer Penguins table (`loadPenguins`, a DataFrame) and seeded generators (`makeBlobs`, `makeMoons`,
 * `makeCircles`, `makeClassification`, `makeRegression`), a Fashion-MNIST subset
 * (`loadFashionMnistSubset`), the IDX format parser (`parseIdx`) and a small public-domain
 * text for character-level models (`loadTinyText`), a spam/ham e-mail corpus
 * (`loadSpamAssassin`), and trained weights for the lessons whose
 * models take minutes to train (`loadPretrained`).
 *
 * ```ts
 * import { loadIris, makeMoons } from 'descent/datasets';
 * const { data, target } = loadIris();
 * const { X, y } = makeMoons({ nSamples: 200, noise: 0.1, randomState: 0 });
 * ```
 */
export { loadBreastCancer, loadDiabetes, loadDigits, loadIris, loadLinnerud, loadWine, type Dataset } from './loaders.js';
export {
  makeBlobs, makeCircles, makeMoons, makeRegression,
  type Generated, type MakeBlobsOptions, type MakeRegressionOptions, type MakeShapesOptions,
} from './generators.js';
export { makeClassification, type MakeClassificationOptions } from './make-classification.js';
export { parseIdx, type Idx, type IdxDType } from './idx.js';
export { loadFashionMnistSubset, fashionMnistFromIdx, FASHION_MNIST_CLASSES, type FashionMnist } from './fashion-mnist.js';
export { loadTinyText, type TinyText } from './tiny-text.js';
export { loadSpamAssassin, type TextDataset } from './spam-assassin.js';
export { loadPenguins, PENGUINS_DESCR } from './penguins.js';
export { loadPretrained, type PretrainedName } from './pretrained.js';
export { makeRatings, type MakeRatingsOptions, type Ratings } from './make-ratings.js';
export { makeDates, formatDate, CharVocab, type DateFormat, type DatePairs, type MakeDatesOptions } from './make-dates.js';
