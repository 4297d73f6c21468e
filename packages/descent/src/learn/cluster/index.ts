/** Clustering (sklearn.cluster and sklearn.mixture). */
export { Clusterer } from './base.js';
export { KMeans, type KMeansParams } from './kmeans.js';
export { kmeansPlusPlus } from './kmeans-init.js';
export { MiniBatchKMeans, type MiniBatchKMeansParams } from './minibatch-kmeans.js';
export { DBSCAN, type DBSCANParams } from './dbscan.js';
export { AgglomerativeClustering, dendrogramData, type AgglomerativeClusteringParams, type DendrogramData } from './agglomerative.js';
export { cutTree, linkageTree, type Linkage, type LinkageMetric, type MergeTree } from './linkage.js';
export { GaussianMixture, type GaussianMixtureParams } from './gaussian-mixture.js';
export type { CovarianceType } from './gaussian-mixture-math.js';
export { MeanShift, estimateBandwidth, type MeanShiftParams } from './mean-shift.js';
export { SpectralClustering, type SpectralClusteringParams } from './spectral.js';
export { OPTICS, type OPTICSParams } from './optics.js';
export { clusterOpticsDbscan, clusterOpticsXi } from './optics-extract.js';
export { Birch, type BirchParams } from './birch.js';
