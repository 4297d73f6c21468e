/**
 * The clustering playground: k-means or a Gaussian mixture, one step at a time. k-means++
 * places the centres one by one (each point shaded by its chance of being the next centre),
 * then Lloyd's algorithm alternates assign and update until no point changes cluster. The
 * Gaussian mixture starts from the same seeds and alternates E-steps (soft colours) and
 * M-steps (the 1σ and 2σ ellipses move) until the log-likelihood stops rising.
 */
import { makeBlobs, makeMoons } from 'descent/datasets';
import { Generator } from 'descent/random';
import type { Mount } from '../types.js';
import { CATEGORICAL, fitCanvas } from '../common/color.js';
import { button, h, panel, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { extentOf } from '../boundaries/models.js';
import { assign, eStep, ellipse, initialMixture, mStep, nextSeed, seedingProbabilities, update, type Mixture, type Point } from './steps.js';

const DATASETS = ['blobs', 'elongated', 'moons'] as const;
type DatasetName = (typeof DATASETS)[number];
type Method = 'kmeans' | 'gmm';
type Phase = 'seed' | 'assign' | 'update' | 'e' | 'm' | 'done';

const CSS = `
.pg-clu-grid { grid-template-columns: minmax(220px, 280px) minmax(0, 1fr); }
@media (max-width: 640px) { .pg-clu-grid { grid-template-columns: minmax(0, 1fr); } }
.pg-clu-canvas { border: 1px solid var(--pg-border); border-radius: 4px; }
.pg-clu-buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.pg-clu-next { font-weight: 600; margin: 6px 0 0; }
`;

/** The points: four round blobs, three long parallel clusters (k-means's weak spot), or two moons. */
function makePoints(name: DatasetName, seed: number): Point[] {
  if (name === 'moons') return makeMoons({ nSamples: 240, noise: 0.07, randomState: seed }).X as Point[];
  if (name === 'blobs') return makeBlobs({ nSamples: 300, centers: [[-4, 2], [0, 5.5], [4, 1.5], [0, -3]], clusterStd: 1, randomState: seed }).X as Point[];
  // Standard deviations 2.5 along 35° and 0.45 across it, centres 3.5 apart across: longer than
  // they are apart, so the nearest centre is often the wrong one.
  const rng = new Generator(seed + 100);
  const [c, s] = [Math.cos((35 * Math.PI) / 180), Math.sin((35 * Math.PI) / 180)];
  return Array.from({ length: 300 }, (_, i) => {
    const k = (i % 3) - 1;
    const u = 2.5 * rng.normal();
    const v = 0.45 * rng.normal() + 3.5 * k;
    return [c * u - s * v, s * u + c * v] as Point;
  });
}

/** The number of clusters each dataset was made with, offered first. */
const NATURAL_K: Record<DatasetName, number> = { blobs: 4, elongated: 3, moons: 2 };

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-clustering', CSS);
  const q = ctx.query;
  let dataset: DatasetName = (DATASETS as readonly string[]).includes(q.get('dataset') ?? '') ? (q.get('dataset') as DatasetName) : 'blobs';
  let method: Method = q.get('method') === 'gmm' ? 'gmm' : 'kmeans';
  const kAsked = Number(q.get('k') ?? NaN);
  let k = Number.isInteger(kAsked) && kAsked >= 2 && kAsked <= 8 ? kAsked : NATURAL_K[dataset];
  let seed = 0;
  // The data stay fixed; `seed` only drives k-means++.
  let X: Point[] = makePoints(dataset, 0);
  let extent = extentOf(X);
  // The state of the run.
  let rng = new Generator(seed);
  let phase: Phase = 'seed';
  let centers: Point[] = [];
  let trail: Point[][] = [];
  let labels: Int32Array | null = null;
  let mixture: Mixture | null = null;
  let resp: Float64Array | null = null;
  let iteration = 0;
  let objective = NaN;
  let playing = 0;
  let cssSize = 480;

  const canvas = h('canvas', { class: 'pg-clu-canvas', role: 'img', 'data-testid': 'cluster-canvas' });
  const phaseDd = h('dd', { 'data-testid': 'phase', text: '' });
  const iterDd = h('dd', { 'data-testid': 'iteration', text: '0' });
  const objDt = h('dt', { text: 'Inertia' });
  const objDd = h('dd', { 'data-testid': 'objective', text: '—' });
  const next = h('p', { class: 'pg-clu-next', 'data-testid': 'next-step', 'aria-live': 'polite' });
  const explain = h('p', { class: 'pg-note' });

  const syncQuery = () => ctx.setQuery(new URLSearchParams({ dataset, method, k: String(k) }));

  function reset(): void {
    stopPlaying();
    rng = new Generator(seed);
    phase = 'seed';
    centers = [];
    trail = [];
    labels = null;
    mixture = null;
    resp = null;
    iteration = 0;
    objective = NaN;
    render();
  }

  /** One visible step of the algorithm. */
  function step(): void {
    if (phase === 'seed') {
      centers = [...centers, X[nextSeed(X, centers, rng)]];
      trail = centers.map((c, j) => trail[j] ?? [c]);
      if (centers.length === k) {
        phase = method === 'kmeans' ? 'assign' : 'e';
        if (method === 'gmm') mixture = initialMixture(X, centers);
      }
    } else if (phase === 'assign') {
      const a = assign(X, centers);
      const changed = labels === null || a.labels.some((l, i) => l !== labels![i]);
      labels = a.labels;
      objective = a.inertia;
      phase = changed ? 'update' : 'done';
    } else if (phase === 'update') {
      centers = update(X, labels!, centers);
      trail = trail.map((t, j) => [...t, centers[j]]);
      iteration += 1;
      phase = 'assign';
    } else if (phase === 'e') {
      const e = eStep(X, mixture!);
      resp = e.resp;
      const gain = e.meanLogLik - objective;
      objective = e.meanLogLik;
      phase = Number.isFinite(gain) && gain < 1e-5 ? 'done' : 'm';
    } else if (phase === 'm') {
      mixture = mStep(X, resp!, k);
      centers = mixture.means;
      trail = trail.map((t, j) => [...t, centers[j]]);
      iteration += 1;
      phase = 'e';
    }
    if (phase === 'done') stopPlaying();
    render();
  }

  function startPlaying(): void {
    if (phase === 'done') reset();
    playBtn.setAttribute('aria-pressed', 'true');
    playing = window.setInterval(step, 500);
  }
  function stopPlaying(): void {
    if (playing) window.clearInterval(playing);
    playing = 0;
    playBtn.setAttribute('aria-pressed', 'false');
  }

  const datasetSel = select('Dataset', DATASETS.map((d) => ({ value: d, label: d[0].toUpperCase() + d.slice(1) })), dataset, (v) => {
    dataset = v; X = makePoints(dataset, 0); extent = extentOf(X);
    k = NATURAL_K[dataset];
    kSel.input.value = String(k);
    syncQuery(); reset();
  });
  const methodSel = select('Method', [{ value: 'kmeans', label: 'k-means' }, { value: 'gmm', label: 'Gaussian mixture (EM)' }], method, (v) => { method = v; syncQuery(); reset(); });
  const kSel = select('Clusters k', [2, 3, 4, 5, 6, 7, 8].map((v) => ({ value: String(v), label: String(v) })), String(k), (v) => { k = Number(v); syncQuery(); reset(); });
  const stepBtn = button('Step', () => { if (phase !== 'done') step(); }, { class: 'pg-btn pg-primary', 'data-testid': 'step', 'aria-label': 'Do the next step' });
  const playBtn = button('Run', () => (playing ? stopPlaying() : startPlaying()), { 'data-testid': 'run', 'aria-label': 'Run step after step', 'aria-pressed': 'false' });
  const resetBtn = button('Restart', () => reset(), { 'data-testid': 'restart', 'aria-label': 'Start again from the same seed' });
  const reseedBtn = button('New seeds', () => { seed += 1; reset(); }, { 'data-testid': 'reseed', 'aria-label': 'Start again with different random seeds' });

  const controls = panel('Setup', datasetSel.el, methodSel.el, kSel.el, h('div', { class: 'pg-clu-buttons' }, stepBtn, playBtn, resetBtn, reseedBtn), next, explain);
  const picture = panel('Clusters',
    h('dl', { class: 'pg-stat' }, h('div', {}, h('dt', { text: 'Phase' }), phaseDd), h('div', {}, h('dt', { text: 'Iteration' }), iterDd), h('div', {}, objDt, objDd)),
    canvas);
  root.replaceChildren(h('div', { class: 'pg pg-clustering' },
    h('p', { class: 'pg-lede', text: 'Step through k-means and EM for a Gaussian mixture: k-means++ seeding first, then assign and update (or E and M) until nothing changes.' }),
    h('div', { class: 'pg-grid pg-clu-grid' }, controls, picture)));

  function render(): void {
    draw();
    const seeding = phase === 'seed';
    const names: Record<Phase, string> = { seed: 'seeding', assign: 'assign', update: 'update', e: 'E-step', m: 'M-step', done: 'converged' };
    phaseDd.textContent = names[phase];
    iterDd.textContent = String(iteration);
    objDt.textContent = method === 'kmeans' ? 'Inertia' : 'Log-likelihood / point';
    objDd.textContent = Number.isFinite(objective) ? (method === 'kmeans' ? objective.toFixed(1) : objective.toFixed(4)) : '—';
    next.textContent = seeding
      ? (centers.length === 0 ? 'Next: pick the first centre uniformly at random.' : `Next: centre ${centers.length + 1} of ${k}, drawn with probability ∝ D².`)
      : phase === 'assign' ? 'Next: assign every point to its nearest centre.'
        : phase === 'update' ? 'Next: move every centre to the mean of its points.'
          : phase === 'e' ? 'Next (E-step): each point\'s responsibility for each component.'
            : phase === 'm' ? 'Next (M-step): re-estimate weights, means and covariances.'
              : method === 'kmeans' ? 'Converged: no point changed cluster.' : 'Converged: the log-likelihood stopped rising.';
    explain.textContent = seeding && centers.length > 0
      ? 'Bigger, darker points are more likely to be the next centre: their squared distance D² to the nearest centre is larger.'
      : method === 'kmeans' ? 'Lines trace where each centre has been. The inertia never goes up.'
        : 'Ellipses at 1σ and 2σ of each component; colours mix by responsibility. The log-likelihood never goes down.';
    stepBtn.disabled = phase === 'done';
    canvas.setAttribute('aria-label', `${method === 'kmeans' ? 'k-means' : 'Gaussian mixture'} with k = ${k} on the ${dataset} data, ${names[phase]}, iteration ${iteration}.`);
  }

  function draw(): void {
    const size = cssSize;
    const c = fitCanvas(canvas, size, size);
    const [x0, x1, y0, y1] = extent;
    const px = (x: number) => ((x - x0) / (x1 - x0)) * size;
    const py = (y: number) => ((y1 - y) / (y1 - y0)) * size;
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, size, size);
    const probs = phase === 'seed' && centers.length > 0 ? seedingProbabilities(X, centers) : null;
    const pmax = probs ? Math.max(...probs) : 1;
    X.forEach((x, i) => {
      let fill = '#8c959f';
      let r = 3.2;
      if (probs) {
        const t = probs[i] / pmax;
        fill = `rgba(213, 94, 0, ${0.15 + 0.85 * t})`;
        r = 2 + 4 * Math.sqrt(t);
      } else if (method === 'gmm' && resp) {
        // Mix the component colours by responsibility.
        const mix = [0, 0, 0];
        for (let j = 0; j < k; j++) rgb(CATEGORICAL[j % CATEGORICAL.length]).forEach((v, ch) => { mix[ch] += resp![i * k + j] * v; });
        fill = `rgb(${mix.map(Math.round).join(',')})`;
      } else if (labels) {
        fill = CATEGORICAL[labels[i] % CATEGORICAL.length];
      }
      c.fillStyle = fill;
      c.beginPath();
      c.arc(px(x[0]), py(x[1]), r, 0, 2 * Math.PI);
      c.fill();
    });
    if (method === 'gmm' && mixture) {
      mixture.covs.forEach((cov, j) => {
        for (const nSigma of [1, 2]) {
          const e = ellipse(cov, nSigma);
          c.strokeStyle = CATEGORICAL[j % CATEGORICAL.length];
          c.lineWidth = nSigma === 1 ? 2.2 : 1.2;
          c.setLineDash(nSigma === 1 ? [] : [5, 4]);
          c.beginPath();
          // Data units to pixels: x scales by size/(x1 − x0), y flips.
          c.ellipse(px(mixture!.means[j][0]), py(mixture!.means[j][1]), (e.rx * size) / (x1 - x0), (e.ry * size) / (y1 - y0), -e.angle, 0, 2 * Math.PI);
          c.stroke();
        }
      });
      c.setLineDash([]);
    }
    trail.forEach((t, j) => {
      c.strokeStyle = '#1b1f24';
      c.lineWidth = 1;
      c.beginPath();
      t.forEach((p, s) => (s === 0 ? c.moveTo(px(p[0]), py(p[1])) : c.lineTo(px(p[0]), py(p[1]))));
      c.stroke();
      const [cx, cy] = [px(centers[j][0]), py(centers[j][1])];
      c.fillStyle = CATEGORICAL[j % CATEGORICAL.length];
      c.strokeStyle = '#1b1f24';
      c.lineWidth = 2;
      c.beginPath();
      c.moveTo(cx - 8, cy); c.lineTo(cx + 8, cy); c.moveTo(cx, cy - 8); c.lineTo(cx, cy + 8);
      c.stroke();
      c.beginPath();
      c.arc(cx, cy, 5, 0, 2 * Math.PI);
      c.fill();
      c.stroke();
    });
  }

  function layout(): void {
    cssSize = Math.max(240, Math.min(560, picture.clientWidth - 26));
    canvas.style.width = canvas.style.height = `${cssSize}px`;
    draw();
  }
  const onResize = () => layout();
  window.addEventListener('resize', onResize);
  reset();
  layout();

  return () => {
    stopPlaying();
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
