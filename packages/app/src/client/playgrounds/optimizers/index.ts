import type { Mount } from '../types.js';

export const mount: Mount = (root) => {
  root.textContent = 'optimizers: coming soon';
  return () => root.replaceChildren();
};
