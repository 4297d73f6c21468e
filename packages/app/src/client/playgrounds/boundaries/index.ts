import type { Mount } from '../types.js';

export const mount: Mount = (root) => {
  root.textContent = 'boundaries: coming soon';
  return () => root.replaceChildren();
};
