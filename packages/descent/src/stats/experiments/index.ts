/** Experiments: A/B tests on conversion rates (frequentist and Bayesian) and the cost of peeking. */
export { proportionsZtest, bayesianAbTest, probBetaGreater, type ProportionsZtestOptions, type BayesianAbTestResult } from './ab-test.js';
export { peekingSimulation, type PeekingOptions, type PeekingResult } from './peeking.js';
