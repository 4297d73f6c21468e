/**
 * The diffusion playground: 2-D data noised step by step by q(x_t | x_0) (left), and samples
 * denoised step by step by DDPM's ancestral sampler or DDIM (right); the schedule, the number
 * of steps and the sampler are controls, and a slider (or Play) moves through the steps.
 */
import type { Mount } from '../types.js';
import { button, fmt, h, panel, range, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { fitCanvas } from '../common/color.js';
import { DATA, diffusionView, type DataName, type DiffusionView, type Sampler, type ScheduleKind } from './logic.js';

const CSS = `
.pg-df-grid { grid-template-columns: minmax(220px, 260px) minmax(0, 1fr); }
.pg-df-pair { display: flex; flex-wrap: wrap; gap: 12px; }
.pg-df-canvas { border: 1px solid var(--pg-border); border-radius: 4px; max-width: 100%; }
.pg-df-stats { display: grid; grid-template-columns: auto auto; gap: 4px 16px; font-variant-numeric: tabular-nums; margin: 8px 0 0; }
.pg-df-stats dt { color: var(--pg-muted); }
.pg-df-stats dd { margin: 0; }
@media (max-width: 640px) { .pg-df-grid { grid-template-columns: minmax(0, 1fr); } }
`;

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-diffusion', CSS);
  const q = ctx.query;
  let data: DataName = q.get('data') === 'ring' ? 'ring' : 'moons';
  let schedule: ScheduleKind = q.get('schedule') === 'linear' ? 'linear' : 'cosine';
  let sampler: Sampler = q.get('sampler') === 'ddim' ? 'ddim' : 'ddpm';
  let T = 50;
  let ddimSteps = 10;
  let frame = 0; // 0 … 1: how far through both processes
  let view: DiffusionView | null = null;
  let playing: ReturnType<typeof setInterval> | undefined;

  const fwdCanvas = h('canvas', { class: 'pg-df-canvas', role: 'img', 'data-testid': 'forward-canvas' });
  const revCanvas = h('canvas', { class: 'pg-df-canvas', role: 'img', 'data-testid': 'reverse-canvas' });
  const out = { fwd: h('dd', { 'data-testid': 'forward-step' }), rev: h('dd', { 'data-testid': 'reverse-step' }), abar: h('dd', { 'data-testid': 'alpha-bar' }), energy: h('dd', { 'data-testid': 'energy' }), gauss: h('dd', { 'data-testid': 'gaussian-energy' }) };
  const stats = h('dl', { class: 'pg-df-stats', 'aria-live': 'polite' },
    h('dt', { text: 'Forward step t' }), out.fwd, h('dt', { text: 'ᾱ_t (signal² left)' }), out.abar, h('dt', { text: 'Reverse: next step' }), out.rev,
    h('dt', { text: 'Energy distance of final samples' }), out.energy, h('dt', { text: 'Gaussian fit (baseline)' }), out.gauss);

  const sync = () => ctx.setQuery(new URLSearchParams({ data, schedule, sampler }));
  const dataSel = select('Data', (Object.keys(DATA) as DataName[]).map((d) => ({ value: d, label: DATA[d].label })), data, (v) => { data = v; sync(); recompute(); });
  const schedSel = select('Noise schedule', [{ value: 'cosine' as const, label: 'Cosine (Nichol & Dhariwal)' }, { value: 'linear' as const, label: 'Linear (Ho et al.)' }], schedule, (v) => { schedule = v; sync(); recompute(); });
  const samplerSel = select('Sampler', [{ value: 'ddpm' as const, label: 'DDPM (ancestral, every step)' }, { value: 'ddim' as const, label: 'DDIM (deterministic, skips steps)' }], sampler, (v) => { sampler = v; sync(); recompute(); });
  const tSlider = range('Diffusion steps T', { min: 10, max: 200, step: 10, value: T }, (v) => String(v), () => {}, (v) => { T = v; recompute(); });
  const kSlider = range('DDIM steps', { min: 2, max: 50, step: 1, value: ddimSteps }, (v) => String(v), () => {}, (v) => { ddimSteps = v; if (sampler === 'ddim') recompute(); });
  const frameSlider = range('Progress', { min: 0, max: 100, step: 1, value: 0 }, (v) => `${v}%`, (v) => { frame = v / 100; draw(); });
  const play = button('Play', () => {
    if (playing) { stop(); return; }
    if (frame >= 1) frame = 0;
    play.textContent = 'Pause';
    playing = setInterval(() => {
      frame = Math.min(1, frame + 0.01);
      frameSlider.set(Math.round(frame * 100));
      draw();
      if (frame >= 1) stop();
    }, 40);
  }, { 'data-testid': 'play' });
  function stop(): void { clearInterval(playing); playing = undefined; play.textContent = 'Play'; }

  const picture = panel('Forward noising (left) and reverse sampling (right)', h('div', { class: 'pg-df-pair' }, fwdCanvas, revCanvas), frameSlider.el, play, stats);
  const page = h('div', { class: 'pg pg-diffusion' },
    h('p', { class: 'pg-lede', text: 'Left: the data noised by q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I). Right: fresh noise denoised by the sampler from descent/generative. The noise predictor is the exact optimum for this data (each point a small Gaussian), the function a trained network approximates; lesson 30 trains one.' }),
    h('div', { class: 'pg-grid pg-df-grid' }, panel('Setup', dataSel.el, schedSel.el, samplerSel.el, tSlider.el, kSlider.el), picture));
  root.replaceChildren(page);

  function recompute(): void {
    view = diffusionView({ data, schedule, T, sampler, ddimSteps });
    out.energy.textContent = fmt(view.energy);
    out.gauss.textContent = fmt(view.gaussianEnergy);
    draw();
  }

  function scatter(canvas: HTMLCanvasElement, pts: number[][], size: number, colour: string): void {
    canvas.style.width = `${size}px`;
    canvas.style.height = `${size}px`;
    const c = fitCanvas(canvas, size, size);
    c.clearRect(0, 0, size, size);
    const S = (v: number) => size / 2 + (v * size) / 7; // [-3.5, 3.5] across the canvas
    c.fillStyle = colour;
    for (const [x, y] of pts) c.fillRect(S(x) - 1.5, S(-y) - 1.5, 3, 3);
  }

  function draw(): void {
    if (!view) return;
    const v = view;
    const size = Math.max(150, Math.min(300, Math.floor((picture.clientWidth - 40) / 2) || 280));
    const t = Math.min(v.schedule.T - 1, Math.round(frame * (v.schedule.T - 1)));
    const j = Math.round(frame * (v.reverse.length - 1));
    scatter(fwdCanvas, v.forward[t], size, '#22609f');
    scatter(revCanvas, v.reverse[j], size, '#b3541e');
    out.fwd.textContent = String(t);
    out.abar.textContent = fmt(v.schedule.alphaBars[t]);
    out.rev.textContent = v.stepOf[j] < 0 ? 'done (x_0)' : String(v.stepOf[j]);
    fwdCanvas.setAttribute('aria-label', `${DATA[data].label} after ${t} forward noising steps of ${v.schedule.T}; ᾱ = ${fmt(v.schedule.alphaBars[t])}.`);
    revCanvas.setAttribute('aria-label', `${sampler.toUpperCase()} samples after ${j} of ${v.reverse.length - 1} reverse steps.`);
  }

  const onResize = () => draw();
  window.addEventListener('resize', onResize);
  recompute();
  return () => {
    stop();
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
