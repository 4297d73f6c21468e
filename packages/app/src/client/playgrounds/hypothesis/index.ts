/**
 * The hypothesis-testing playground: draw two groups, see where their t statistic falls on
 * the null distribution, and watch the p-value and the power move as the effect size and
 * the sample size change. "Run 200 experiments" repeats the draw to show the power as a
 * rejection rate (and, with effect 0, the false-positive rate α).
 */
import { Generator } from 'descent/random';
import type { Mount } from '../types.js';
import { button, fmt, h, panel, range, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { fitCanvas } from '../common/color.js';
import { criticalValue, nullDensity, power, runExperiment, simulateRejections, type Experiment } from './logic.js';

const CSS = `
.pg-hyp-grid { grid-template-columns: minmax(220px, 260px) minmax(0, 1fr); }
.pg-hyp-canvas { border: 1px solid var(--pg-border); border-radius: 4px; max-width: 100%; }
.pg-hyp-stats { display: grid; grid-template-columns: auto auto; gap: 4px 16px; font-variant-numeric: tabular-nums; margin: 8px 0 0; }
.pg-hyp-stats dt { color: var(--pg-muted); }
.pg-hyp-stats dd { margin: 0; }
@media (max-width: 640px) { .pg-hyp-grid { grid-template-columns: minmax(0, 1fr); } }
`;

const ALPHAS = ['0.01', '0.05', '0.1'] as const;

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-hypothesis', CSS);
  const q = ctx.query;
  const num = (key: string, lo: number, hi: number, dflt: number) => {
    const v = Number(q.get(key));
    return q.has(key) && Number.isFinite(v) && v >= lo && v <= hi ? v : dflt;
  };
  let d = num('d', 0, 1.5, 0.5);
  let n = Math.round(num('n', 5, 200, 30));
  let alpha = (ALPHAS as readonly string[]).includes(q.get('alpha') ?? '') ? Number(q.get('alpha')) : 0.05;
  const generator = new Generator(1);
  let experiment: Experiment = runExperiment(d, n, generator);
  let simulated: { rate: number; statistics: number[] } | null = null;

  const canvas = h('canvas', { class: 'pg-hyp-canvas', role: 'img', 'data-testid': 'null-canvas' });
  const out = {
    t: h('dd', { 'data-testid': 't-stat' }),
    p: h('dd', { 'data-testid': 'p-value' }),
    decision: h('dd', { 'data-testid': 'decision' }),
    power: h('dd', { 'data-testid': 'power' }),
    simulated: h('dd', { 'data-testid': 'simulated-rate', text: '–' }),
  };
  const stats = h('dl', { class: 'pg-hyp-stats', 'aria-live': 'polite' },
    h('dt', { text: 't statistic' }), out.t,
    h('dt', { text: 'p-value' }), out.p,
    h('dt', { text: 'decision' }), out.decision,
    h('dt', { text: 'power (noncentral t)' }), out.power,
    h('dt', { text: 'rejected in 200 experiments' }), out.simulated);

  const sync = () => ctx.setQuery(new URLSearchParams({ d: String(d), n: String(n), alpha: String(alpha) }));
  const redraw = () => { simulated = null; experiment = runExperiment(d, n, generator); sync(); draw(); };
  const dSlider = range('Effect size d', { min: 0, max: 1.5, step: 0.05, value: d }, (v) => fmt(v), (v) => { d = v; redraw(); });
  const nSlider = range('Sample size n per group', { min: 5, max: 200, step: 5, value: n }, (v) => String(v), (v) => { n = v; redraw(); });
  const alphaSel = select('Significance level α', ALPHAS.map((a) => ({ value: a, label: a })), String(alpha) as (typeof ALPHAS)[number], (v) => { alpha = Number(v); simulated = null; sync(); draw(); });
  const drawBtn = button('Draw new samples', () => { experiment = runExperiment(d, n, generator); draw(); }, { 'data-testid': 'draw' });
  const simBtn = button('Run 200 experiments', () => { simulated = simulateRejections(d, n, alpha, 200, generator); draw(); }, { 'data-testid': 'simulate' });

  const picture = panel('The t statistic under the null', canvas, stats);
  const page = h('div', { class: 'pg pg-hypothesis' },
    h('p', { class: 'pg-lede', text: 'Two groups of n draws, the treatment shifted by d standard deviations. The curve is the distribution of Student\'s t when there is no effect; the shaded tails are the rejection region at level α, the dark line the t of your samples. Power is the chance of landing in the tails when the effect is real. Computed with descent/stats (ttestInd, t, TTestIndPower).' }),
    h('div', { class: 'pg-grid pg-hyp-grid' },
      panel('Experiment', dSlider.el, nSlider.el, alphaSel.el, drawBtn, simBtn),
      picture));
  root.replaceChildren(page);

  function draw(): void {
    const crit = criticalValue(n, alpha);
    const pw = power(d, n, alpha);
    out.t.textContent = fmt(experiment.statistic);
    out.p.textContent = fmt(experiment.pvalue);
    out.decision.textContent = experiment.pvalue < alpha ? `reject H₀ (p < ${alpha})` : `keep H₀ (p ≥ ${alpha})`;
    out.power.textContent = fmt(pw);
    out.simulated.textContent = simulated ? fmt(simulated.rate) : '–';

    const cssW = Math.max(260, Math.min(640, picture.clientWidth - 26 || 600));
    const cssH = Math.round(cssW * 0.45);
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    const c = fitCanvas(canvas, cssW, cssH);
    const lo = -5;
    const hi = 5 + Math.max(0, d * Math.sqrt(n / 2) - 3);
    const xs = Array.from({ length: 241 }, (_, i) => lo + ((hi - lo) * i) / 240);
    const ys = nullDensity(n, xs);
    const top = Math.max(...ys) * 1.1;
    const X = (x: number) => ((x - lo) / (hi - lo)) * cssW;
    const Y = (y: number) => cssH - 18 - (y / top) * (cssH - 24);
    c.clearRect(0, 0, cssW, cssH);
    // rejection tails
    c.fillStyle = 'rgba(164, 14, 38, 0.25)';
    for (const [from, to] of [[lo, -crit], [crit, hi]]) {
      c.beginPath();
      c.moveTo(X(from), Y(0));
      xs.forEach((x, i) => { if (x >= from && x <= to) c.lineTo(X(x), Y(ys[i])); });
      c.lineTo(X(to), Y(0));
      c.closePath();
      c.fill();
    }
    // simulated statistics as a rug
    if (simulated) {
      c.strokeStyle = 'rgba(34, 96, 159, 0.35)';
      for (const s of simulated.statistics) {
        c.beginPath();
        c.moveTo(X(s), cssH - 18);
        c.lineTo(X(s), cssH - 8);
        c.stroke();
      }
    }
    c.strokeStyle = '#22609f';
    c.lineWidth = 2;
    c.beginPath();
    xs.forEach((x, i) => (i === 0 ? c.moveTo(X(x), Y(ys[i])) : c.lineTo(X(x), Y(ys[i]))));
    c.stroke();
    c.strokeStyle = '#1b1f24';
    c.lineWidth = 2;
    const tx = Math.min(hi, Math.max(lo, experiment.statistic));
    c.beginPath();
    c.moveTo(X(tx), 4);
    c.lineTo(X(tx), cssH - 18);
    c.stroke();
    c.fillStyle = '#56616b';
    c.font = '12px system-ui, sans-serif';
    for (let k = Math.ceil(lo); k <= Math.floor(hi); k++) c.fillText(String(k), X(k) - 4, cssH - 2);
    canvas.setAttribute('aria-label', `Null distribution of t with ${2 * n - 2} degrees of freedom; rejection beyond ±${fmt(crit)}; observed t ${fmt(experiment.statistic)}, p-value ${fmt(experiment.pvalue)}; power ${fmt(pw)}.`);
  }

  const onResize = () => draw();
  window.addEventListener('resize', onResize);
  draw();
  return () => {
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
