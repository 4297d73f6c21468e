/**
 * The grid-world panel of the RL playground: the map as a grid of buttons (click one to paint
 * it with the chosen tool), each open cell coloured by its current value and showing the
 * greedy action; sliders for slip, rewards and γ; value iteration or Q-learning advanced one
 * sweep or one episode per press, or continuously.
 */
import { fitCanvas } from '../common/color.js';
import { button, fmt, h, panel, range, select } from '../common/dom.js';
import type { PlaygroundContext } from '../types.js';
import {
  buildWorld, DEFAULT_SETTINGS, isOpen, paint, parseMap, QLearningStepper, ValueIterationStepper, type Cell, type WorldSettings,
} from './grid.js';

type Method = 'vi' | 'q';
const ARROWS = ['←', '↓', '→', '↑'];
const CELL_NAMES: Record<Cell, string> = { '.': 'floor', '#': 'wall', S: 'start', G: 'goal', T: 'trap' };

/** Light blue for low values, dark blue for high; red for negative (a readable diverging scale). */
function valueColour(v: number, lo: number, hi: number): string {
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  if (v < 0) return `rgb(${Math.round(250 - 30 * (1 - t))}, ${Math.round(200 + 40 * t)}, ${Math.round(190 + 50 * t)})`;
  return `rgb(${Math.round(235 - 200 * t)}, ${Math.round(242 - 130 * t)}, ${Math.round(250 - 90 * t)})`;
}

export function mountGrid(ctx: PlaygroundContext, onQuery: (q: Record<string, string>) => void): { el: HTMLElement; stop(): void; redraw(): void } {
  const q = ctx.query;
  const num = (key: string, lo: number, hi: number, fallback: number) => {
    const v = Number(q.get(key));
    return q.has(key) && Number.isFinite(v) && v >= lo && v <= hi ? v : fallback;
  };
  const settings: WorldSettings = {
    map: parseMap(q.get('map')) ?? DEFAULT_SETTINGS.map,
    slip: num('slip', 0, 0.5, DEFAULT_SETTINGS.slip),
    stepReward: num('step', -0.5, 0, DEFAULT_SETTINGS.stepReward),
    goalReward: num('goal', 0, 5, DEFAULT_SETTINGS.goalReward),
    trapReward: num('trap', -5, 0, DEFAULT_SETTINGS.trapReward),
    gamma: num('gamma', 0.5, 0.99, DEFAULT_SETTINGS.gamma),
  };
  let method: Method = q.get('method') === 'q' ? 'q' : 'vi';
  let tool: Cell = '#';
  let alpha = 0.5, epsilon = 0.2;
  let vi: ValueIterationStepper, ql: QLearningStepper;
  let timer = 0;
  const residuals: number[] = [];

  const cells = h('div', { class: 'pg-rl-cells', role: 'grid', 'aria-label': 'The grid world: click a cell to paint it', 'data-testid': 'grid' });
  const curve = h('canvas', { role: 'img', 'data-testid': 'grid-curve' });
  const stat = (id: string) => h('dd', { 'data-testid': id, text: '—' });
  const countDt = h('dt', { text: 'Sweeps' });
  const countDd = stat('count'), residualDd = stat('residual'), startDd = stat('start-value');
  const note = h('p', { class: 'pg-note', 'data-testid': 'grid-note', 'aria-live': 'polite' });

  function reset(): void {
    const world = buildWorld(settings);
    vi = new ValueIterationStepper(world, settings.gamma);
    ql = new QLearningStepper(world, { gamma: settings.gamma, alpha, epsilon, seed: 0 });
    residuals.length = 0;
    note.textContent = '';
    onQuery({ map: settings.map.join('/'), slip: String(settings.slip), step: String(settings.stepReward), goal: String(settings.goalReward), trap: String(settings.trapReward), gamma: String(settings.gamma), method });
    render();
  }

  function advance(): void {
    if (method === 'vi') {
      if (vi.converged) return stop();
      vi.sweep();
      residuals.push(vi.residual);
    } else {
      ql.episode();
    }
    render();
  }

  function render(): void {
    const map = settings.map;
    const ncol = map[0].length;
    const values = method === 'vi' ? vi.values() : ql.values();
    const policy = method === 'vi' ? vi.policy() : ql.policy();
    const open = [...values.keys()].filter((s) => isOpen(map, s));
    const lo = Math.min(0, ...open.map((s) => values[s])), hi = Math.max(1e-9, ...open.map((s) => values[s]));
    cells.style.gridTemplateColumns = `repeat(${ncol}, minmax(0, 1fr))`;
    cells.replaceChildren(...map.flatMap((row, r) => [...row].map((ch, c) => {
      const s = r * ncol + c;
      const cell = ch as Cell;
      const touched = method === 'vi' ? vi.sweeps > 0 : ql.steps > 0;
      const label = isOpen(map, s)
        ? `${CELL_NAMES[cell]} at row ${r + 1}, column ${c + 1}: value ${fmt(values[s])}${touched ? `, best move ${['left', 'down', 'right', 'up'][policy[s]]}` : ''}`
        : `${CELL_NAMES[cell]} at row ${r + 1}, column ${c + 1}`;
      const b = h('button', { type: 'button', class: `pg-rl-cell pg-rl-${CELL_NAMES[cell]}`, 'aria-label': label, 'data-testid': `cell-${r}-${c}` });
      if (isOpen(map, s)) {
        b.style.background = valueColour(values[s], lo, hi);
        b.append(h('span', { class: 'pg-rl-v', text: values[s].toFixed(2) }), h('span', { class: 'pg-rl-a', text: touched ? ARROWS[policy[s]] : '' }));
        if (cell === 'S') b.append(h('span', { class: 'pg-rl-tag', text: 'S' }));
        if (method === 'q' && ql.state === s && ql.steps > 0) b.classList.add('pg-rl-agent');
      } else {
        b.append(h('span', { class: 'pg-rl-v', text: cell === '#' ? '' : cell === 'G' ? `G +${fmt(settings.goalReward)}` : `T ${fmt(settings.trapReward)}` }));
      }
      b.addEventListener('click', () => {
        const next = paint(settings.map, r, c, tool);
        if (next.join('/') === settings.map.join('/')) { note.textContent = 'The start cannot be painted over: paint S elsewhere to move it.'; return; }
        settings.map = next;
        reset();
        note.textContent = `Painted a ${CELL_NAMES[tool]} at row ${r + 1}, column ${c + 1}; the values start again from zero.`;
      });
      return b;
    })));
    const startState = map.join('').indexOf('S');
    if (method === 'vi') {
      countDt.textContent = 'Sweeps';
      countDd.textContent = String(vi.sweeps);
      residualDd.textContent = vi.sweeps === 0 ? '—' : vi.residual.toExponential(2);
      if (vi.converged) note.textContent = `Converged after ${vi.sweeps} sweeps: V is the fixed point of the Bellman optimality backup.`;
    } else {
      countDt.textContent = 'Episodes';
      countDd.textContent = String(ql.episodes);
      residualDd.textContent = ql.episodes === 0 ? '—' : fmt(ql.episodeReturns[ql.episodes - 1]);
    }
    startDd.textContent = values[startState].toFixed(3);
    drawCurve();
  }

  function drawCurve(): void {
    const w = Math.max(200, curve.parentElement ? curve.parentElement.clientWidth - 26 : 260), hgt = 140, pad = 24;
    const c = fitCanvas(curve, w, hgt);
    c.fillStyle = '#fff';
    c.fillRect(0, 0, w, hgt);
    c.strokeStyle = '#dde2e7';
    c.strokeRect(pad, 8, w - 2 * pad, hgt - pad - 8);
    c.fillStyle = '#56616b';
    c.font = '11px system-ui, sans-serif';
    // Value iteration: log10 of the residual per sweep. Q-learning: return per episode.
    const ys = method === 'vi' ? residuals.map((r) => Math.log10(Math.max(r, 1e-16))) : ql.episodeReturns;
    c.fillText(method === 'vi' ? 'log₁₀ residual per sweep' : 'return per episode', pad, hgt - 6);
    if (ys.length === 0) return;
    const lo = Math.min(...ys), hi = Math.max(...ys, lo + 1e-9);
    c.strokeStyle = '#0072b2';
    c.lineWidth = 1.5;
    c.beginPath();
    ys.forEach((y, i) => {
      const x = pad + (ys.length === 1 ? 0 : (i / (ys.length - 1)) * (w - 2 * pad));
      const yy = 8 + (1 - (y - lo) / (hi - lo)) * (hgt - pad - 16);
      if (i === 0) c.moveTo(x, yy); else c.lineTo(x, yy);
    });
    c.stroke();
  }

  const setTimer = (on: boolean) => {
    if (timer) window.clearInterval(timer);
    timer = on ? window.setInterval(advance, method === 'vi' ? 250 : 60) : 0;
    runBtn.setAttribute('aria-pressed', String(on));
    runBtn.textContent = on ? 'Pause' : 'Run';
  };
  function stop(): void { setTimer(false); }

  const toolSel = select('Paint', (['#', 'T', 'G', 'S', '.'] as Cell[]).map((c) => ({ value: c, label: `${CELL_NAMES[c][0].toUpperCase()}${CELL_NAMES[c].slice(1)} (${c})` })), tool, (v) => { tool = v; });
  const methodSel = select('Method', [{ value: 'vi', label: 'Value iteration' }, { value: 'q', label: 'Q-learning' }], method, (v) => { method = v; stop(); qFields.hidden = method !== 'q'; reset(); });
  const slip = range('Slip', { min: 0, max: 0.5, step: 0.05, value: settings.slip }, (v) => v.toFixed(2), () => {}, (v) => { settings.slip = v; reset(); });
  const stepR = range('Reward per step', { min: -0.5, max: 0, step: 0.01, value: settings.stepReward }, (v) => v.toFixed(2), () => {}, (v) => { settings.stepReward = v; reset(); });
  const goalR = range('Goal reward', { min: 0, max: 5, step: 0.5, value: settings.goalReward }, (v) => v.toFixed(1), () => {}, (v) => { settings.goalReward = v; reset(); });
  const trapR = range('Trap reward', { min: -5, max: 0, step: 0.5, value: settings.trapReward }, (v) => v.toFixed(1), () => {}, (v) => { settings.trapReward = v; reset(); });
  const gammaR = range('Discount γ', { min: 0.5, max: 0.99, step: 0.01, value: settings.gamma }, (v) => v.toFixed(2), () => {}, (v) => { settings.gamma = v; reset(); });
  const alphaR = range('Step size α', { min: 0.05, max: 1, step: 0.05, value: alpha }, (v) => v.toFixed(2), () => {}, (v) => { alpha = v; reset(); });
  const epsR = range('Exploration ε', { min: 0, max: 1, step: 0.05, value: epsilon }, (v) => v.toFixed(2), () => {}, (v) => { epsilon = v; reset(); });
  const qFields = h('div', {}, alphaR.el, epsR.el);
  qFields.hidden = method !== 'q';
  const stepBtn = button('Step', advance, { class: 'pg-btn pg-primary', 'data-testid': 'grid-step', 'aria-label': 'One sweep of value iteration, or one episode of Q-learning' });
  const runBtn = button('Run', () => setTimer(!timer), { 'data-testid': 'grid-run', 'aria-pressed': 'false', 'aria-label': 'Run or pause' });
  const resetBtn = button('Reset values', () => { stop(); reset(); }, { 'data-testid': 'grid-reset' });

  const controls = panel('Grid world', methodSel.el, toolSel.el, slip.el, stepR.el, goalR.el, trapR.el, gammaR.el, qFields,
    h('div', { class: 'pg-rl-buttons' }, stepBtn, runBtn, resetBtn));
  const picture = panel('Values and greedy policy',
    h('dl', { class: 'pg-stat' }, h('div', {}, countDt, countDd), h('div', {}, h('dt', { text: 'Residual / last return' }), residualDd),
      h('div', {}, h('dt', { text: 'Value of S' }), startDd)),
    cells, note);
  const side = panel('Progress', curve, h('p', { class: 'pg-note', text: 'Value iteration backs up every cell once per sweep from the known model; Q-learning walks the grid and updates only the cells it visits, so its values fill in along the paths it tries.' }));
  const el = h('div', { class: 'pg-grid pg-rl-grid' }, controls, picture, side);
  reset();
  return { el, stop, redraw: drawCurve };
}
