/** Manifold learning (sklearn.manifold, plus UMAP): t-SNE (Barnes–Hut and exact), Isomap, UMAP, trustworthiness. */
export { TSNE, jointProbabilities, type TSNEParams } from './tsne.js';
export { jointProbabilitiesNN, type SparseP } from './barnes-hut.js';
export { Isomap, type IsomapParams } from './isomap.js';
export { UMAP, type UMAPParams } from './umap.js';
export { findAbParams, fuzzySimplicialSet, smoothKnnDist } from './umap-graph.js';
export { trustworthiness } from './trustworthiness.js';
