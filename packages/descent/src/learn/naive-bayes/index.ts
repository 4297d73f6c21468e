/** Naive Bayes classifiers (sklearn.naive_bayes). */
export { BaseNB } from './base.js';
export { GaussianNB, type GaussianNBParams } from './gaussian.js';
export {
  BaseDiscreteNB, BernoulliNB, ComplementNB, MultinomialNB,
  type BernoulliNBParams, type ComplementNBParams, type DiscreteNBParams,
} from './discrete.js';
