/**
 * The optimizer race: six `descent/optim` optimizers start from the same point of a 2-D
 * loss surface and run side by side; their paths are drawn over the surface's contours.
 * Click (or use the arrow keys on) the picture to move the start point.
 */
import type { Mount } from '../types.js';
import { CATEGORICAL, GREY_LUT, HeatMap, fitCanvas } from '../common/color.js';
import { button, checkbox, fmt, h, panel, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { OPTIMIZER_INFO, Racer } from './race.js';
import { OPTIMIZER_NAMES, SURFACES, SURFACE_NAMES, bandLevels, surfaceGrid, type OptimizerName, type SurfaceName } from './surfaces.js';

/** Steps after which a run stops by itself. */
export const MAX_STEPS = 1000;
const LR_LADDER = [0.0001, 0.0003, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.03, 0.05, 0.1, 0.3, 0.5, 1];
const CONTOUR_RES = 200;

const CSS = `
.pg-race-canvas { border: 1px solid var(--pg-border); border-radius: 4px; cursor: crosshair; touch-action: manipulation; }
.pg-race-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.pg-race-table th { text-align: left; font-weight: 600; font-size: 0.75rem; color: var(--pg-muted); text-transform: uppercase; letter-spacing: 0.05em; padding: 4px; }
.pg-race-table td { padding: 4px; white-space: nowrap; border-top: 1px solid var(--pg-border); vertical-align: middle; font-variant-numeric: tabular-nums; }
.pg-race-table .pg-check { margin: 0; }
.pg-race-table td:first-child { white-space: normal; }
.pg-race-table .pg-check label { color: var(--pg-fg); font-weight: 600; }
.pg-race-table select { min-height: 30px; padding: 2px 4px; }
.pg-race-grid { grid-template-columns: minmax(0, 1.4fr) minmax(300px, 1fr); }
@media (max-width: 1000px) { .pg-race-grid { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 640px) { .pg-race-table .pg-status { display: none; } }
`;

interface Entry { name: OptimizerName; enabled: boolean; lr: number; racer: Racer; lossCell: HTMLElement; statusCell: HTMLElement }

function lrOptions(lr: number): { value: string; label: string }[] {
  const values = LR_LADDER.includes(lr) ? LR_LADDER : [...LR_LADDER, lr].sort((a, b) => a - b);
  return values.map((v) => ({ value: String(v), label: String(v) }));
}

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-optimizers', CSS);
  const q = ctx.query.get('surface');
  let surfaceName: SurfaceName = (SURFACE_NAMES as readonly string[]).includes(q ?? '') ? (q as SurfaceName) : 'rosenbrock';
  let surface = SURFACES[surfaceName];
  let start: [number, number] = [...surface.start];
  let playing = false;
  let raf = 0;
  let stepsPerFrame = 2;
  let cssW = 560;
  let cssH = 560;

  const canvas = h('canvas', { class: 'pg-race-canvas', tabindex: 0, 'data-testid': 'race-canvas', role: 'img' });
  const background = document.createElement('canvas');
  background.width = background.height = CONTOUR_RES;
  const contours = new HeatMap(background, CONTOUR_RES);
  const startOut = h('p', { class: 'pg-note', 'aria-live': 'polite' });
  const formula = h('p', { class: 'pg-note' });
  const stepOut = h('dd', { 'data-testid': 'race-steps', text: '0' });

  const entries: Entry[] = OPTIMIZER_NAMES.map((name) => ({
    name, enabled: true, lr: surface.lr[name], racer: new Racer(name, surface, start, surface.lr[name]),
    lossCell: h('td', { 'data-testid': `loss-${name}` }), statusCell: h('td', { class: 'pg-status' }),
  }));

  const lrSelects = new Map<OptimizerName, HTMLSelectElement>();
  const tbody = h('tbody');
  entries.forEach((e, i) => {
    const info = OPTIMIZER_INFO[e.name];
    const check = checkbox(info.label, true, (v) => { e.enabled = v; draw(); });
    check.el.prepend(h('span', { class: 'pg-swatch', style: `background:${CATEGORICAL[i]}`, 'aria-hidden': 'true' }));
    check.input.title = info.detail;
    const lrSel = select(`Learning rate of ${info.label}`, lrOptions(e.lr), String(e.lr), (v) => { e.lr = Number(v); restart(); });
    lrSel.el.querySelector('label')!.classList.add('pg-visually-hidden');
    lrSel.el.style.margin = '0';
    lrSelects.set(e.name, lrSel.input);
    tbody.append(h('tr', {}, h('td', {}, check.el, h('span', { class: 'pg-note', text: info.detail })), h('td', {}, lrSel.el), e.lossCell, e.statusCell));
  });
  const table = h('table', { class: 'pg-race-table' },
    h('caption', { class: 'pg-visually-hidden', text: 'Optimizers: learning rate, current loss and status' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Optimizer' }), h('th', { scope: 'col', text: 'Learning rate' }), h('th', { scope: 'col', text: 'Loss' }), h('th', { scope: 'col', class: 'pg-status', text: 'Status' }))),
    tbody);

  const surfaceSel = select('Surface', SURFACE_NAMES.map((s) => ({ value: s, label: SURFACES[s].label })), surfaceName, (v) => {
    surfaceName = v;
    surface = SURFACES[v];
    start = [...surface.start];
    for (const e of entries) {
      e.lr = surface.lr[e.name];
      const sel = lrSelects.get(e.name)!;
      sel.replaceChildren(...lrOptions(e.lr).map((o) => h('option', { value: o.value, text: o.label })));
      sel.value = String(e.lr);
    }
    ctx.setQuery(new URLSearchParams({ surface: v }));
    paintContours();
    layout();
    restart();
  });
  const speedSel = select('Steps per frame', ['1', '2', '5', '10'].map((v) => ({ value: v, label: v })), String(stepsPerFrame), (v) => { stepsPerFrame = Number(v); });
  const playBtn = button('▶ Play', () => setPlaying(!playing), { class: 'pg-btn pg-primary', 'aria-pressed': 'false', 'data-testid': 'race-play' });
  const stepBtn = button('Step', () => { advance(1); draw(); }, { 'aria-label': 'Take one step with every optimizer' });
  const resetBtn = button('Reset', () => { setPlaying(false); restart(); }, { 'aria-label': 'Put every optimizer back at the start point' });

  const toolbar = h('div', { class: 'pg-toolbar', role: 'toolbar', 'aria-label': 'Race' },
    resetBtn, playBtn, stepBtn, h('dl', { class: 'pg-stat' }, h('div', {}, h('dt', { text: 'Step' }), stepOut)), surfaceSel.el, speedSel.el);
  const picture = panel('Loss surface', canvas, formula, startOut);
  const legend = panel('Optimizers', table, h('p', { class: 'pg-note', text: 'Each optimizer is the real descent/optim class updating a 2-element parameter (x, y), with the gradient from autograd. Darker bands are higher loss (log scale); crosses mark the minima, the ring the start.' }));
  const page = h('div', { class: 'pg pg-optimizers' },
    h('p', { class: 'pg-lede', text: 'Six optimizers start from the same point and race downhill. Click the picture (or focus it and use the arrow keys) to choose the start, tune each learning rate, and see why momentum and adaptive steps matter in narrow valleys and near saddle points.' }),
    toolbar,
    h('div', { class: 'pg-grid pg-race-grid' }, picture, legend));
  root.replaceChildren(page);

  const toPx = (x: number, y: number): [number, number] => [
    ((x - surface.xRange[0]) / (surface.xRange[1] - surface.xRange[0])) * cssW,
    ((surface.yRange[1] - y) / (surface.yRange[1] - surface.yRange[0])) * cssH,
  ];
  const fromPx = (px: number, py: number): [number, number] => [
    surface.xRange[0] + (px / cssW) * (surface.xRange[1] - surface.xRange[0]),
    surface.yRange[1] - (py / cssH) * (surface.yRange[1] - surface.yRange[0]),
  ];

  function paintContours(): void {
    // Grey bands, so the coloured paths on top are the only colour in the picture.
    contours.draw(bandLevels(surfaceGrid(surface, CONTOUR_RES), 14), GREY_LUT, 0, 1, false);
    formula.textContent = surface.formula;
  }

  function layout(): void {
    const avail = Math.max(240, picture.clientWidth - 26);
    const aspect = (surface.yRange[1] - surface.yRange[0]) / (surface.xRange[1] - surface.xRange[0]);
    cssW = Math.min(620, avail);
    cssH = Math.round(cssW * aspect);
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    draw();
  }

  function restart(): void {
    for (const e of entries) e.racer = new Racer(e.name, surface, start, e.lr);
    draw();
  }

  function advance(n: number): boolean {
    let moving = false;
    for (const e of entries) {
      if (!e.enabled) continue;
      for (let i = 0; i < n && e.racer.steps < MAX_STEPS; i++) if (!e.racer.step()) break;
      moving ||= !e.racer.diverged && e.racer.steps < MAX_STEPS;
    }
    return moving;
  }

  function draw(): void {
    const c = fitCanvas(canvas, cssW, cssH);
    c.imageSmoothingEnabled = true;
    c.drawImage(background, 0, 0, cssW, cssH);
    // Minima: a dark cross on a white halo, visible on any band.
    for (const [width, colour] of [[5, '#ffffff'], [2, '#1b1f24']] as const) {
      c.lineWidth = width;
      c.strokeStyle = colour;
      for (const [mx, my] of surface.minima) {
        const [px, py] = toPx(mx, my);
        c.beginPath();
        c.moveTo(px - 6, py - 6); c.lineTo(px + 6, py + 6); c.moveTo(px + 6, py - 6); c.lineTo(px - 6, py + 6);
        c.stroke();
      }
    }
    entries.forEach((e, i) => {
      if (!e.enabled) return;
      const path = e.racer.path;
      c.strokeStyle = CATEGORICAL[i];
      c.lineWidth = 2;
      c.beginPath();
      path.forEach(([x, y], k) => { const [px, py] = toPx(x, y); if (k === 0) c.moveTo(px, py); else c.lineTo(px, py); });
      c.stroke();
      const [px, py] = toPx(...path[path.length - 1]);
      c.fillStyle = CATEGORICAL[i];
      c.strokeStyle = '#ffffff';
      c.beginPath();
      c.arc(px, py, 5, 0, 2 * Math.PI);
      c.fill();
      c.stroke();
    });
    const [sx, sy] = toPx(...start);
    c.strokeStyle = '#1b1f24';
    c.lineWidth = 2;
    c.beginPath();
    c.arc(sx, sy, 8, 0, 2 * Math.PI);
    c.stroke();

    const steps = Math.max(0, ...entries.filter((e) => e.enabled).map((e) => e.racer.steps));
    stepOut.textContent = String(steps);
    for (const e of entries) {
      e.lossCell.textContent = e.racer.diverged ? '—' : fmt(e.racer.loss);
      e.statusCell.textContent = !e.enabled ? 'off' : e.racer.diverged ? 'diverged' : e.racer.steps >= MAX_STEPS ? 'done' : e.racer.steps === 0 ? 'ready' : 'racing';
    }
    startOut.textContent = `Start: (${fmt(start[0])}, ${fmt(start[1])}). Click the picture, or focus it and use the arrow keys, to move it.`;
    canvas.setAttribute('aria-label', `Contours of ${surface.label} with the optimizers' paths. ${entries.filter((e) => e.enabled).map((e) => `${OPTIMIZER_INFO[e.name].label}: loss ${fmt(e.racer.loss)}`).join('; ')}.`);
  }

  function frame(): void {
    raf = 0;
    if (!playing) return;
    const moving = advance(stepsPerFrame);
    draw();
    if (moving) raf = requestAnimationFrame(frame);
    else setPlaying(false);
  }

  function setPlaying(on: boolean): void {
    playing = on;
    playBtn.textContent = on ? '❚❚ Pause' : '▶ Play';
    playBtn.setAttribute('aria-pressed', String(on));
    if (on && raf === 0) raf = requestAnimationFrame(frame);
  }

  function moveStart(p: [number, number]): void {
    start = p;
    restart();
  }

  canvas.addEventListener('click', (ev) => {
    const r = canvas.getBoundingClientRect();
    moveStart(fromPx(ev.clientX - r.left, ev.clientY - r.top));
  });
  canvas.addEventListener('keydown', (ev) => {
    const dx = (surface.xRange[1] - surface.xRange[0]) / 50;
    const dy = (surface.yRange[1] - surface.yRange[0]) / 50;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
    const m = moves[ev.key];
    if (m) {
      ev.preventDefault();
      moveStart([start[0] + m[0], start[1] + m[1]]);
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      setPlaying(!playing);
    }
  });

  const onResize = () => layout();
  window.addEventListener('resize', onResize);
  paintContours();
  layout();

  return () => {
    playing = false;
    if (raf !== 0) cancelAnimationFrame(raf);
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
