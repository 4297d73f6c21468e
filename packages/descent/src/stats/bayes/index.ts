/** Bayesian inference in `descent/stats`: conjugate updates, MCMC samplers, diagnostics. */
export { betaBinomialUpdate, normalNormalUpdate, type BetaPosterior, type NormalPosterior } from './conjugate.js';
export { metropolisHastings, hmc, type McmcResult, type MetropolisOptions, type HmcOptions } from './mcmc.js';
export { rhat, ess } from './diagnostics.js';
export { bayesianLinearRegression, type BayesianLinearRegressionPrior, type BayesianLinearRegressionPosterior } from './linear-regression.js';
export { meanFieldVI, type MeanFieldOptions, type MeanFieldResult } from './variational.js';
