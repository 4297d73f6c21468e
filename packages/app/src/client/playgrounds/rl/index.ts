/**
 * The reinforcement-learning playground: a grid world you edit (walls, traps, the goal,
 * slipperiness, rewards) solved step by step by value iteration or learned by Q-learning,
 * and CartPole trained live by PPO or DQN in a Web Worker, with its return curve and an
 * animation of the episodes it plays.
 */
import type { Mount } from '../types.js';
import { h } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { mountCartPole } from './cartpole-view.js';
import { mountGrid } from './grid-view.js';

const CSS = `
.pg-rl-grid { grid-template-columns: minmax(220px, 280px) minmax(0, 1fr) minmax(240px, 320px); margin-bottom: 16px; }
@media (max-width: 1000px) { .pg-rl-grid { grid-template-columns: minmax(0, 1fr); } }
.pg-rl-cells { display: grid; gap: 2px; max-width: 560px; margin: 8px 0; }
.pg-rl-cell { position: relative; aspect-ratio: 1; min-width: 0; min-height: 36px; padding: 0; border: 1px solid var(--pg-border); border-radius: 4px;
  font: 11px/1.1 ui-monospace, SFMono-Regular, Menlo, monospace; color: #1b1f24; cursor: pointer; display: flex; flex-direction: column;
  align-items: center; justify-content: center; background: #fff; }
.pg-rl-wall { background: #3b4148; }
.pg-rl-goal { background: #b7e4c7; font-weight: 700; }
.pg-rl-trap { background: #f4b6b6; font-weight: 700; }
.pg-rl-a { font-size: 18px; line-height: 1; color: #b3261e; }
.pg-rl-tag { position: absolute; top: 1px; left: 3px; font-weight: 700; }
.pg-rl-agent { outline: 3px solid #f0a000; outline-offset: -3px; }
.pg-rl-buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.pg-rl h3 { font-size: 1rem; margin: 4px 0 8px; }
`;

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-rl', CSS);
  let query: Record<string, string> = {};
  const grid = mountGrid(ctx, (q) => { query = q; ctx.setQuery(new URLSearchParams(query)); });
  const cartpole = mountCartPole();
  root.replaceChildren(h('div', { class: 'pg pg-rl' },
    h('p', { class: 'pg-lede', text: 'Paint a grid world and watch value iteration sweep the Bellman backup over it, or Q-learning find its way by trial and error. Below, train a CartPole agent in your browser and watch it learn to balance.' }),
    h('h3', { text: 'Planning and Q-learning on a grid' }),
    grid.el,
    h('h3', { text: 'Deep RL on CartPole' }),
    cartpole.el));
  // The curves size themselves to their panels, which have a width only once attached.
  const redraw = () => { grid.redraw(); cartpole.redraw(); };
  const first = requestAnimationFrame(redraw);
  window.addEventListener('resize', redraw);
  return () => {
    cancelAnimationFrame(first);
    window.removeEventListener('resize', redraw);
    grid.stop();
    cartpole.stop();
    root.replaceChildren();
  };
};
