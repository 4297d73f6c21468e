/**
 * A stand-alone page for developing the playgrounds without the app:
 * `npx vite packages/app/src/client/playgrounds` then open /dev.html#nn. The hash picks
 * the playground; the query string is its state, kept in sync as the app does.
 */
import type { Mount } from './types.js';

const loaders: Record<string, () => Promise<{ mount: Mount }>> = {
  nn: () => import('./nn/index.js'),
  optimizers: () => import('./optimizers/index.js'),
  boundaries: () => import('./boundaries/index.js'),
  convolution: () => import('./convolution/index.js'),
  tree: () => import('./tree/index.js'),
  clustering: () => import('./clustering/index.js'),
  rl: () => import('./rl/index.js'),
};

const root = document.getElementById('root')!;
let unmount: (() => void) | null = null;

async function show(): Promise<void> {
  const name = location.hash.slice(1) || 'nn';
  unmount?.();
  unmount = null;
  const load = loaders[name];
  if (!load) {
    root.textContent = `No playground named '${name}'. Try #nn, #optimizers, #boundaries, #convolution, #tree, #clustering or #rl.`;
    return;
  }
  const { mount } = await load();
  unmount = mount(root, {
    query: new URLSearchParams(location.search),
    setQuery: (q) => history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`),
  });
}

window.addEventListener('hashchange', () => {
  // A new playground starts from its own defaults.
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  void show();
});
void show();
