/** Effect sizes, intervals, resampling, multiple testing and power for `descent/stats`. */
export { cohensD, hedgesG, cramersV, proportionEffectsize } from './effect-size.js';
export { proportionConfint, type ProportionConfintOptions } from './proportion-confint.js';
export { multipletests, type MultipletestsOptions, type MultipletestsResult } from './multitest.js';
export { bootstrap, bootstrapInterval, type BootstrapOptions, type BootstrapResult, type Statistic } from './bootstrap.js';
export { permutationTest, type PermutationTestOptions, type PermutationTestResult } from './permutation-test.js';
export { TTestPower, TTestIndPower, NormalIndPower, nctCdf, type PowerArgs, type PowerAlternative } from './power.js';
