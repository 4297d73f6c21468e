/** Every op, in one namespace (the Tensor methods and the public entry re-export these). */
export * from './create.js';
export * from './unary.js';
export * from './binary.js';
export * from './where.js';
export * from './reduce.js';
export * from './composite.js';
export * from './cumsum.js';
export * from './movement.js';
export * from './pad.js';
export * from './concat.js';
export * from './indexing.js';
export * from './sort.js';
export * from './matmul.js';
export * from './inplace.js';
export * from './unfold.js';
