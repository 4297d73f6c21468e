/** Clustering (sklearn.cluster and sklearn.mixture). */
export { Clusterer } from './base.js';
export { KMeans, type KMeansParams } from './kmeans.js';
export { kmeansPlusPlus } from './kmeans-init.js';
export { MiniBatchKMeans, type MiniBatchKMeansParams } from './minibatch-kmeans.js';
