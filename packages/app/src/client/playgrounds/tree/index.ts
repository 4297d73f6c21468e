/**
 * The decision-tree playground: grow a classification tree one split at a time on 2-D data
 * and watch the plane being cut into boxes, the newest cut highlighted, while the weighted
 * impurity of the leaves falls and the test accuracy rises, then stalls or drops as the tree
 * starts to fit noise.
 */
import type { Mount } from '../types.js';
import { CATEGORICAL, fitCanvas } from '../common/color.js';
import { button, h, panel, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { DATASET_NAMES, extentOf, makeData, type BoundaryDataset, type Data2D } from '../boundaries/models.js';
import { describeSplit, growTree, newestSplit, type Criterion, type Grown } from './grow.js';

const MAX_SPLITS = 40;
const CSS = `
.pg-tree-grid { grid-template-columns: minmax(220px, 280px) minmax(0, 1fr) minmax(240px, 320px); }
@media (max-width: 1000px) { .pg-tree-grid { grid-template-columns: minmax(0, 1fr); } }
.pg-tree-canvas { border: 1px solid var(--pg-border); border-radius: 4px; }
.pg-tree-text { font: 12px/1.35 ui-monospace, SFMono-Regular, Menlo, monospace; max-height: 360px; overflow: auto; background: var(--pg-surface);
  border: 1px solid var(--pg-border); border-radius: 6px; padding: 6px 8px; margin: 8px 0 0; white-space: pre; }
.pg-tree-buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
`;

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const tint = (hex: string, t: number) => `rgb(${rgb(hex).map((c) => Math.round(255 + (c - 255) * t)).join(',')})`;

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-tree', CSS);
  const q = ctx.query;
  let datasetName: BoundaryDataset = (DATASET_NAMES as readonly string[]).includes(q.get('dataset') ?? '') ? (q.get('dataset') as BoundaryDataset) : 'moons';
  let criterion: Criterion = q.get('criterion') === 'entropy' ? 'entropy' : 'gini';
  const asked = Number(q.get('splits') ?? 0);
  let splits = Number.isInteger(asked) && asked >= 0 && asked <= MAX_SPLITS ? asked : 0;
  let data: Data2D = makeData(datasetName, 240, 0.25, 0);
  let extent = extentOf(data.X);
  let grown: Grown = growTree(data, splits, criterion, extent);
  let previous: Grown | null = splits > 0 ? growTree(data, splits - 1, criterion, extent) : null;
  /** Weighted impurity and test accuracy after each number of splits so far, for the curve. */
  let history: { splits: number; impurity: number; test: number }[] = [];
  let playing = 0;
  let cssSize = 460;

  const canvas = h('canvas', { class: 'pg-tree-canvas', role: 'img', 'data-testid': 'tree-canvas' });
  const curve = h('canvas', { role: 'img', 'data-testid': 'impurity-curve', 'aria-label': 'Weighted impurity and test accuracy against the number of splits' });
  const stat = (id: string) => h('dd', { 'data-testid': id, text: '—' });
  const splitsDd = stat('splits');
  const leavesDd = stat('leaves');
  const impurityDd = stat('impurity');
  const trainDd = stat('train-accuracy');
  const testDd = stat('test-accuracy');
  const last = h('p', { class: 'pg-note', 'data-testid': 'last-split', 'aria-live': 'polite' });
  const text = h('pre', { class: 'pg-tree-text', 'data-testid': 'tree-text' });

  const syncQuery = () => ctx.setQuery(new URLSearchParams({ dataset: datasetName, criterion, splits: String(splits) }));

  function setSplits(s: number): void {
    const next = growTree(data, s, criterion, extent);
    // Best-first growth stops early when no leaf can be split further (every leaf pure).
    if (s > 0 && next.splits < s) {
      stopPlaying();
      last.textContent = `Every leaf is pure: no split lowers the impurity any more (${next.splits} splits).`;
      return;
    }
    previous = s > 0 ? (s === splits + 1 ? grown : growTree(data, s - 1, criterion, extent)) : null;
    splits = s;
    grown = next;
    syncQuery();
    render();
  }

  function restart(): void {
    data = makeData(datasetName, 240, 0.25, 0);
    extent = extentOf(data.X);
    history = [];
    stopPlaying();
    setSplits(0);
  }

  const datasetSel = select('Dataset', DATASET_NAMES.map((d) => ({ value: d, label: d[0].toUpperCase() + d.slice(1) })), datasetName, (v) => { datasetName = v; restart(); });
  const criterionSel = select('Split criterion', [{ value: 'gini', label: 'Gini impurity' }, { value: 'entropy', label: 'Entropy' }], criterion, (v) => { criterion = v; history = []; setSplits(splits); });
  const splitBtn = button('Split', () => setSplits(Math.min(MAX_SPLITS, splits + 1)), { class: 'pg-btn pg-primary', 'data-testid': 'split', 'aria-label': 'Make the next split' });
  const undoBtn = button('Undo', () => setSplits(Math.max(0, splits - 1)), { 'data-testid': 'undo', 'aria-label': 'Remove the last split' });
  const playBtn = button('Grow', () => (playing ? stopPlaying() : startPlaying()), { 'data-testid': 'grow', 'aria-label': 'Grow split after split', 'aria-pressed': 'false' });
  const resetBtn = button('Reset', () => { history = []; stopPlaying(); setSplits(0); }, { 'data-testid': 'reset', 'aria-label': 'Back to the root alone' });

  function startPlaying(): void {
    playBtn.setAttribute('aria-pressed', 'true');
    playing = window.setInterval(() => {
      if (splits >= MAX_SPLITS) return stopPlaying();
      setSplits(splits + 1);
    }, 450);
  }
  function stopPlaying(): void {
    if (playing) window.clearInterval(playing);
    playing = 0;
    playBtn.setAttribute('aria-pressed', 'false');
  }

  const controls = panel('Setup', datasetSel.el, criterionSel.el, h('div', { class: 'pg-tree-buttons' }, splitBtn, undoBtn, playBtn, resetBtn),
    h('p', { class: 'pg-note', text: 'Each split is the one, among all leaves and all thresholds, that lowers the weighted impurity most (best-first growth, as DecisionTreeClassifier does with maxLeafNodes).' }),
    last);
  const picture = panel('Partition',
    h('dl', { class: 'pg-stat' },
      h('div', {}, h('dt', { text: 'Splits' }), splitsDd), h('div', {}, h('dt', { text: 'Leaves' }), leavesDd),
      h('div', {}, h('dt', { text: 'Weighted impurity' }), impurityDd),
      h('div', {}, h('dt', { text: 'Train' }), trainDd), h('div', {}, h('dt', { text: 'Test' }), testDd)),
    canvas,
    h('p', { class: 'pg-note', text: 'Circles are training points, squares test points. Each box is a leaf, shaded by its class and by how pure it is; the orange line is the newest split.' }));
  const side = panel('Impurity and accuracy', curve, h('p', { class: 'pg-note', text: 'Blue: weighted leaf impurity (left axis, from the root\'s). Green: test accuracy (0 to 1).' }), text);
  root.replaceChildren(h('div', { class: 'pg pg-tree' },
    h('p', { class: 'pg-lede', text: 'Grow a decision tree one split at a time. Watch where each cut goes, how much impurity it removes, and when the extra leaves stop helping on test points.' }),
    h('div', { class: 'pg-grid pg-tree-grid' }, controls, picture, side)));

  function render(): void {
    if (!history.some((p) => p.splits === splits)) history.push({ splits, impurity: grown.weightedImpurity, test: grown.testAccuracy });
    history.sort((a, b) => a.splits - b.splits);
    drawPartition();
    drawCurve();
    splitsDd.textContent = String(grown.splits);
    leavesDd.textContent = String(grown.leaves.length);
    impurityDd.textContent = grown.weightedImpurity.toFixed(3);
    trainDd.textContent = `${(100 * grown.trainAccuracy).toFixed(1)}%`;
    testDd.textContent = `${(100 * grown.testAccuracy).toFixed(1)}%`;
    const line = newestSplit(previous, grown);
    if (splits === 0) last.textContent = 'The root: one leaf that predicts the majority class everywhere. Press Split.';
    else if (line) last.textContent = `Split ${splits}: ${describeSplit(grown, line)}`;
    text.textContent = grown.text;
    undoBtn.disabled = splits === 0;
    canvas.setAttribute('aria-label', `A decision tree with ${grown.splits} splits and ${grown.leaves.length} leaves on the ${datasetName} data; test accuracy ${(100 * grown.testAccuracy).toFixed(1)} percent.`);
  }

  function drawPartition(): void {
    const size = cssSize;
    const c = fitCanvas(canvas, size, size);
    const [x0, x1, y0, y1] = extent;
    const px = (x: number) => ((x - x0) / (x1 - x0)) * size;
    const py = (y: number) => ((y1 - y) / (y1 - y0)) * size;
    const maxImp = criterion === 'gini' ? 1 - 1 / Math.max(2, grown.classes.length) : Math.log2(Math.max(2, grown.classes.length));
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, size, size);
    for (const leaf of grown.leaves) {
      // Purer leaves are shaded more strongly.
      const purity = 1 - Math.min(1, leaf.impurity / maxImp);
      c.fillStyle = tint(CATEGORICAL[leaf.classIndex % CATEGORICAL.length], 0.1 + 0.35 * purity);
      c.fillRect(px(leaf.x0), py(leaf.y1), px(leaf.x1) - px(leaf.x0), py(leaf.y0) - py(leaf.y1));
    }
    const newest = newestSplit(previous, grown);
    for (const l of grown.lines) {
      const isNew = newest !== null && l.node === newest.node;
      c.strokeStyle = isNew ? '#d55e00' : '#1b1f24';
      c.lineWidth = isNew ? 3 : Math.max(0.8, 2.2 - 0.3 * l.depth);
      c.beginPath();
      c.moveTo(px(l.x0), py(l.y0));
      c.lineTo(px(l.x1), py(l.y1));
      c.stroke();
    }
    const colour = (label: number) => CATEGORICAL[Math.max(0, grown.classes.indexOf(label)) % CATEGORICAL.length];
    c.lineWidth = 1.2;
    for (const i of data.trainIdx) {
      c.fillStyle = colour(data.y[i]);
      c.strokeStyle = '#ffffff';
      c.beginPath();
      c.arc(px(data.X[i][0]), py(data.X[i][1]), 3.5, 0, 2 * Math.PI);
      c.fill();
      c.stroke();
    }
    c.strokeStyle = '#1b1f24';
    for (const i of data.testIdx) {
      c.fillStyle = colour(data.y[i]);
      c.fillRect(px(data.X[i][0]) - 3, py(data.X[i][1]) - 3, 6, 6);
      c.strokeRect(px(data.X[i][0]) - 3, py(data.X[i][1]) - 3, 6, 6);
    }
  }

  function drawCurve(): void {
    const w = Math.max(200, curve.parentElement ? curve.parentElement.clientWidth - 26 : 260);
    const hgt = 150;
    const c = fitCanvas(curve, w, hgt);
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, w, hgt);
    const pad = 24;
    const maxS = Math.max(5, ...history.map((p) => p.splits));
    const top = Math.max(1e-9, ...history.map((p) => p.impurity));
    const sx = (s: number) => pad + (s / maxS) * (w - 2 * pad);
    const sy = (v: number) => hgt - pad + (pad * 2 - hgt) * v;
    c.strokeStyle = '#dde2e7';
    c.strokeRect(pad, pad, w - 2 * pad, hgt - 2 * pad);
    c.fillStyle = '#56616b';
    c.font = '11px system-ui, sans-serif';
    c.fillText('splits', w / 2 - 14, hgt - 6);
    c.fillText(String(maxS), w - pad - 8, hgt - 6);
    c.fillText('0', pad - 3, hgt - 6);
    const series = (value: (p: (typeof history)[number]) => number, stroke: string) => {
      c.strokeStyle = stroke;
      c.fillStyle = stroke;
      c.lineWidth = 2;
      c.beginPath();
      history.forEach((p, k) => (k === 0 ? c.moveTo(sx(p.splits), sy(value(p))) : c.lineTo(sx(p.splits), sy(value(p)))));
      c.stroke();
      for (const p of history) c.fillRect(sx(p.splits) - 2, sy(value(p)) - 2, 4, 4);
    };
    series((p) => p.impurity / top, '#0072b2');
    series((p) => p.test, '#009e73');
  }

  function layout(): void {
    cssSize = Math.max(240, Math.min(520, picture.clientWidth - 26));
    canvas.style.width = canvas.style.height = `${cssSize}px`;
    render();
  }
  const onResize = () => layout();
  window.addEventListener('resize', onResize);
  layout();

  return () => {
    stopPlaying();
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
