/**
 * `descent/random`: the seeded generator behind every random op in Descent.
 *
 * ```ts
 * import { manualSeed, Generator } from 'descent/random';
 * manualSeed(0);                 // reproducible randn/rand/permutation everywhere
 * const g = new Generator(7);    // or an independent stream of your own
 * ```
 */
export { Generator, defaultGenerator, manualSeed } from './generator.js';
export { Mt19937 } from './mt19937.js';
