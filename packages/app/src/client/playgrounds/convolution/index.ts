import type { Mount } from '../types.js';

export const mount: Mount = (root) => {
  root.textContent = 'convolution: coming soon';
  return () => root.replaceChildren();
};
