/** Manifold learning (sklearn.manifold): exact t-SNE. */
export { TSNE, jointProbabilities, type TSNEParams } from './tsne.js';
