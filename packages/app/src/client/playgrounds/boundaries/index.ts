/**
 * The decision-boundary explorer: fit one of the classical classifiers registered in
 * `descent/learn` to a 2-D dataset and see the class regions it predicts, shaded by its
 * confidence, with the training and test points and their accuracies; an SVM's support
 * vectors are circled.
 */
import type { Mount } from '../types.js';
import { CATEGORICAL, fitCanvas } from '../common/color.js';
import { button, fmt, h, panel, range, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import {
  DATASET_NAMES, KNOWN_MODELS, defaultValue, discoverModels, probeModel, extentOf, fitAndPredict, makeData,
  type BoundaryDataset, type Data2D, type FitResult, type ModelEntry, type ParamControl,
} from './models.js';

const RES = 100;
const CSS = `
.pg-bnd-grid { grid-template-columns: minmax(240px, 300px) minmax(0, 1fr); }
@media (max-width: 640px) { .pg-bnd-grid { grid-template-columns: minmax(0, 1fr); } }
.pg-bnd-canvas { border: 1px solid var(--pg-border); border-radius: 4px; }
.pg-error { color: #a40e26; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; padding: 6px 8px; margin: 8px 0 0; font-size: 0.9rem; }
.pg-error:empty { display: none; }
`;

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const valueLabel = (v: unknown) => (v === null ? 'none' : Array.isArray(v) ? `${v.join(', ')} neurons` : String(v));

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-boundaries', CSS);
  // Known models are offered as they are; others only if they can fit 2-D data at all.
  const known = new Set(KNOWN_MODELS.map((k) => k.name));
  const skipped: string[] = [];
  const models = discoverModels().filter((m) => {
    if (known.has(m.name)) return true;
    const reason = probeModel(m);
    if (reason !== null) skipped.push(m.name);
    return reason === null;
  });
  const q = ctx.query;
  let datasetName: BoundaryDataset = (DATASET_NAMES as readonly string[]).includes(q.get('dataset') ?? '') ? (q.get('dataset') as BoundaryDataset) : 'moons';
  let entry: ModelEntry = models.find((m) => m.name === q.get('model')) ?? models[0];
  let nSamples = 200;
  let noise = 0.25;
  let seed = 0;
  let params: Record<string, unknown> = {};
  let data: Data2D = makeData(datasetName, nSamples, noise, seed);
  let result: FitResult | null = null;
  let pending = 0;

  const canvas = h('canvas', { class: 'pg-bnd-canvas', role: 'img', 'data-testid': 'boundary-canvas' });
  const regionCanvas = document.createElement('canvas');
  regionCanvas.width = regionCanvas.height = RES;
  const trainAcc = h('dd', { 'data-testid': 'train-accuracy', text: '—' });
  const testAcc = h('dd', { 'data-testid': 'test-accuracy', text: '—' });
  const svCount = h('dd', { 'data-testid': 'support-vectors', text: '—' });
  // Shown only for SVMs; display, not the hidden attribute, which .pg-stat's display: flex overrides.
  const svStat = h('div', { style: 'display:none' }, h('dt', { text: 'Support vectors' }), svCount);
  const timing = h('p', { class: 'pg-note' });
  const error = h('p', { class: 'pg-error', role: 'alert' });
  const legend = h('ul', { class: 'pg-legend' });
  const paramBox = h('div', { 'data-testid': 'model-params' });
  let cssSize = 480;

  const syncQuery = () => ctx.setQuery(new URLSearchParams({ dataset: datasetName, model: entry?.name ?? '' }));
  const newData = () => { data = makeData(datasetName, nSamples, noise, seed); refit(); };

  const datasetSel = select('Dataset', DATASET_NAMES.map((d) => ({ value: d, label: d[0].toUpperCase() + d.slice(1) })), datasetName, (v) => {
    datasetName = v; syncQuery(); newData();
  });
  const samples = range('Samples', { min: 50, max: 500, step: 50, value: nSamples }, (v) => String(v), () => {}, (v) => { nSamples = v; newData(); });
  const noiseCtl = range('Noise', { min: 0, max: 0.5, step: 0.05, value: noise }, (v) => v.toFixed(2), () => {}, (v) => { noise = v; newData(); });
  const regen = button('New data', () => { seed += 1; newData(); }, { 'aria-label': 'Draw a new sample of the dataset' });
  const modelSel = select('Model', models.map((m) => ({ value: m.name, label: m.label })), entry?.name ?? '', (v) => {
    entry = models.find((m) => m.name === v)!;
    buildParams();
    syncQuery();
    refit();
  });
  const fitBtn = button('Fit', () => refit(), { class: 'pg-btn pg-primary', 'data-testid': 'fit' });

  function control(c: ParamControl): HTMLElement {
    const initial = defaultValue(entry, c);
    params[c.key] = initial;
    if (c.kind === 'int') {
      return range(c.label, { min: c.min, max: c.max, step: c.step ?? 1, value: Number(initial) }, (v) => String(v), () => {}, (v) => { params[c.key] = v; refit(); }).el;
    }
    const opts = c.values.map((v, i) => ({ value: String(i), label: valueLabel(v) }));
    return select(c.label, opts, String(c.values.indexOf(initial)), (i) => { params[c.key] = c.values[Number(i)]; refit(); }).el;
  }

  function buildParams(): void {
    params = {};
    paramBox.replaceChildren(...(entry ? entry.controls.map(control) : []));
    if (entry && entry.controls.length === 0) paramBox.append(h('p', { class: 'pg-note', text: 'Fitted with its default parameters.' }));
  }

  const controls = panel('Setup', datasetSel.el, samples.el, noiseCtl.el, regen, h('hr', { style: 'border:none;border-top:1px solid var(--pg-border);margin:12px 0' }), modelSel.el, paramBox, fitBtn, error,
    h('p', { class: 'pg-note', text: `${models.length} classifiers found in descent/learn.${skipped.length ? ` Not shown, as they cannot fit this kind of data: ${skipped.join(', ')}.` : ''}` }));
  const picture = panel('Decision regions',
    h('dl', { class: 'pg-stat' }, h('div', {}, h('dt', { text: 'Test accuracy' }), testAcc), h('div', {}, h('dt', { text: 'Training accuracy' }), trainAcc), svStat),
    canvas, legend, timing);
  const page = h('div', { class: 'pg pg-boundaries' },
    h('p', { class: 'pg-lede', text: 'Fit a classical model from descent/learn to a 2-D dataset and see which class it predicts everywhere in the plane. Stronger colour means a more confident prediction. Circles are training points, squares test points.' }),
    h('div', { class: 'pg-grid pg-bnd-grid' }, controls, picture));
  root.replaceChildren(page);

  function refit(): void {
    // Coalesce bursts of changes (a slider dragged by keyboard) into one fit per frame.
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      error.textContent = '';
      if (!entry) {
        error.textContent = 'No classifier is registered in descent/learn yet.';
        return;
      }
      try {
        result = fitAndPredict(entry, params, data, extentOf(data.X), RES);
      } catch (e) {
        result = null;
        error.textContent = `${entry.label} could not be fitted: ${(e as Error).message}`;
      }
      draw();
    });
  }

  function draw(): void {
    const size = cssSize;
    const c = fitCanvas(canvas, size, size);
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, size, size);
    const extent = extentOf(data.X);
    const classes = result?.classes ?? [...new Set(data.y)].sort((a, b) => a - b);
    if (result) {
      const img = new ImageData(RES, RES);
      const k = Math.max(2, classes.length);
      for (let i = 0; i < RES * RES; i++) {
        const [r, g, b] = rgb(CATEGORICAL[result.regions[i] % CATEGORICAL.length]);
        // Confidence from chance (1/k) to certain maps to a tint from faint to strong.
        const t = 0.08 + 0.36 * Math.max(0, (result.confidence[i] - 1 / k) / (1 - 1 / k));
        img.data.set([255 + (r - 255) * t, 255 + (g - 255) * t, 255 + (b - 255) * t, 255], 4 * i);
      }
      regionCanvas.getContext('2d')!.putImageData(img, 0, 0);
      c.imageSmoothingEnabled = true;
      c.drawImage(regionCanvas, 0, 0, size, size);
    }
    const [x0, x1, y0, y1] = extent;
    const px = (x: number) => ((x - x0) / (x1 - x0)) * size;
    const py = (y: number) => ((y1 - y) / (y1 - y0)) * size;
    const colour = (label: number) => CATEGORICAL[Math.max(0, classes.indexOf(label)) % CATEGORICAL.length];
    c.lineWidth = 1.2;
    for (const i of data.trainIdx) {
      c.fillStyle = colour(data.y[i]);
      c.strokeStyle = '#ffffff';
      c.beginPath();
      c.arc(px(data.X[i][0]), py(data.X[i][1]), 4, 0, 2 * Math.PI);
      c.fill();
      c.stroke();
    }
    for (const i of data.testIdx) {
      c.fillStyle = colour(data.y[i]);
      c.strokeStyle = '#1b1f24';
      c.fillRect(px(data.X[i][0]) - 3.5, py(data.X[i][1]) - 3.5, 7, 7);
      c.strokeRect(px(data.X[i][0]) - 3.5, py(data.X[i][1]) - 3.5, 7, 7);
    }
    // Support vectors (SVMs): a dark ring around the training points that define the boundary.
    const sv = result?.supportIdx ?? null;
    if (sv) {
      c.strokeStyle = '#1b1f24';
      c.lineWidth = 1.6;
      for (const i of sv) {
        c.beginPath();
        c.arc(px(data.X[i][0]), py(data.X[i][1]), 7.5, 0, 2 * Math.PI);
        c.stroke();
      }
    }
    svStat.style.display = sv === null ? 'none' : '';
    svCount.textContent = sv ? `${sv.length} of ${data.trainIdx.length}` : '—';
    trainAcc.textContent = result ? `${(100 * result.trainAccuracy).toFixed(1)}%` : '—';
    testAcc.textContent = result ? `${(100 * result.testAccuracy).toFixed(1)}%` : '—';
    timing.textContent = result ? `Fit in ${fmt(result.fitMs)} ms; ${RES}×${RES} grid predicted in ${fmt(result.predictMs)} ms.` : '';
    legend.replaceChildren(...classes.map((label, i) => h('li', {}, h('span', { class: 'pg-swatch', style: `background:${CATEGORICAL[i % CATEGORICAL.length]}`, 'aria-hidden': 'true' }), `Class ${label}`)),
      ...(sv ? [h('li', {}, h('span', { class: 'pg-swatch', style: 'background:#fff;border:2px solid #1b1f24;border-radius:50%', 'aria-hidden': 'true' }), 'Support vector')] : []));
    canvas.setAttribute('aria-label', result
      ? `Predicted class regions of ${entry.label} on the ${datasetName} data; test accuracy ${(100 * result.testAccuracy).toFixed(1)} percent.${sv ? ` ${sv.length} support vectors are circled.` : ''}`
      : `The ${datasetName} data, not fitted.`);
  }

  function layout(): void {
    cssSize = Math.max(240, Math.min(560, picture.clientWidth - 26));
    canvas.style.width = canvas.style.height = `${cssSize}px`;
    draw();
  }

  const onResize = () => layout();
  window.addEventListener('resize', onResize);
  buildParams();
  layout();
  refit();

  return () => {
    if (pending) cancelAnimationFrame(pending);
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
