/**
 * The convolution explorer: a handwritten digit (8×8, from `loadDigits`) goes through a
 * 3×3 convolution, a ReLU and a 2×2 max-pool. Pick or type the kernel, change stride and
 * padding, and inspect any output cell to see the window and the sum that made it.
 */
import { loadDigits } from 'descent/datasets';
import type { Mount } from '../types.js';
import { button, fmt, h, panel, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { cellColour, GridView } from './grid-view.js';
import { KERNELS, KERNEL_NAMES, parseWeight, receptiveField, runStages, type Grid, type KernelName, type Stages } from './pipeline.js';

const CSS = `
.pg-conv-stages { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.pg-conv-stages .pg-panel { flex: 0 1 auto; }
.pg-conv-canvas { border: 1px solid var(--pg-border); }
.pg-conv-shape { font-size: 0.8rem; color: var(--pg-muted); margin: 4px 0 0; font-variant-numeric: tabular-nums; }
.pg-kernel { display: grid; grid-template-columns: repeat(3, 64px); gap: 4px; margin: 4px 0 8px; }
.pg-kernel input { width: 64px; height: 44px; text-align: center; font: inherit; font-variant-numeric: tabular-nums;
  border: 1px solid var(--pg-border); border-radius: 4px; }
.pg-kernel input[aria-invalid="true"] { border: 2px solid #a40e26; }
.pg-readout { min-height: 3em; font-variant-numeric: tabular-nums; font-size: 0.9rem; margin: 8px 0 0; }
.pg-conv-grid { grid-template-columns: minmax(240px, 260px) minmax(0, 1fr); }
.pg-conv-grid > div > .pg-panel { margin-bottom: 12px; }
.pg-readout-panel .pg-readout { margin: 0; }
@media (max-width: 640px) { .pg-conv-grid { grid-template-columns: minmax(0, 1fr); } }
`;

const CELL = 26;

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-convolution', CSS);
  const digits = loadDigits();
  // The first 20 examples of each digit, so the picker is "digit d, example k".
  const byDigit = Array.from({ length: 10 }, (_, d) => digits.target.map((t, i) => (t === d ? i : -1)).filter((i) => i >= 0).slice(0, 20));
  const q = ctx.query;
  const qDigit = q.get('digit');
  let digit = qDigit !== null && /^[0-9]$/.test(qDigit) ? Number(qDigit) : 3;
  let example = 0;
  let kernelName: KernelName = (KERNEL_NAMES as readonly string[]).includes(q.get('kernel') ?? '') ? (q.get('kernel') as KernelName) : 'sobel-x';
  let kernel: Grid = kernelName === 'custom' ? KERNELS['edge-x'].weights.map((r) => [...r]) : KERNELS[kernelName].weights.map((r) => [...r]);
  let stride = 1;
  let padding = 1;
  let stages: Stages;

  const readout = h('p', { class: 'pg-readout', 'aria-live': 'polite', 'data-testid': 'conv-readout' });
  const about = h('p', { class: 'pg-note' });

  // Which map's cell is inspected decides what gets highlighted elsewhere.
  let inspected: { view: 'input' | 'conv' | 'relu' | 'pooled'; cell: [number, number] } | null = null;
  const inspect = (view: 'input' | 'conv' | 'relu' | 'pooled') => (cell: [number, number] | null) => {
    inspected = cell ? { view, cell } : null;
    draw();
  };
  const inputView = new GridView('Input digit, 8 by 8 pixels scaled to 0..1; arrow keys move between pixels', CELL, inspect('input'));
  const convView = new GridView('Feature map after the convolution; arrow keys move between cells', CELL, inspect('conv'));
  const reluView = new GridView('Feature map after ReLU', CELL, inspect('relu'));
  const poolView = new GridView('After 2 by 2 max-pooling', CELL, inspect('pooled'));
  const shapes = { input: h('p', { class: 'pg-conv-shape' }), conv: h('p', { class: 'pg-conv-shape' }), relu: h('p', { class: 'pg-conv-shape' }), pooled: h('p', { class: 'pg-conv-shape' }) };

  // The kernel: nine labelled inputs; typing makes it a custom kernel.
  const kernelInputs: HTMLInputElement[] = [];
  const kernelGrid = h('div', { class: 'pg-kernel', role: 'group', 'aria-label': 'Kernel weights, 3 by 3' });
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const inp = h('input', { type: 'text', inputmode: 'decimal', 'aria-label': `Kernel weight, row ${a + 1}, column ${b + 1}`, 'data-testid': `k-${a}-${b}` });
      inp.addEventListener('input', () => {
        const v = parseWeight(inp.value);
        inp.setAttribute('aria-invalid', String(v === null));
        if (v === null) return;
        kernel[a][b] = v;
        kernelName = 'custom';
        kernelSel.input.value = 'custom';
        compute();
      });
      kernelInputs.push(inp);
      kernelGrid.append(inp);
    }
  }

  const syncQuery = () => ctx.setQuery(new URLSearchParams({ digit: String(digit), kernel: kernelName }));
  const digitSel = select('Digit', Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: String(d) })), String(digit), (v) => { digit = Number(v); example = 0; exampleSel.input.value = '0'; syncQuery(); compute(); });
  const exampleSel = select('Example', Array.from({ length: 20 }, (_, k) => ({ value: String(k), label: `#${k + 1}` })), '0', (v) => { example = Number(v); compute(); });
  const kernelSel = select('Kernel', KERNEL_NAMES.map((k) => ({ value: k, label: k === 'custom' ? 'Custom (type below)' : KERNELS[k].label })), kernelName, (v) => {
    kernelName = v;
    if (v !== 'custom') kernel = KERNELS[v].weights.map((r) => [...r]);
    syncQuery();
    fillKernelInputs();
    compute();
  });
  const strideSel = select('Stride', [{ value: '1', label: '1' }, { value: '2', label: '2' }], '1', (v) => { stride = Number(v); compute(); });
  const padSel = select('Padding', [{ value: '0', label: '0 (valid)' }, { value: '1', label: '1 (same size)' }], '1', (v) => { padding = Number(v); compute(); });
  const random = button('Random digit', () => {
    digit = Math.floor(Math.random() * 10);
    example = Math.floor(Math.random() * byDigit[digit].length);
    digitSel.input.value = String(digit);
    exampleSel.input.value = String(example);
    syncQuery();
    compute();
  });

  function fillKernelInputs(): void {
    kernelInputs.forEach((inp, k) => {
      const v = kernel[Math.floor(k / 3)][k % 3];
      inp.value = Number.isInteger(v) ? String(v) : fmt(v);
      inp.setAttribute('aria-invalid', 'false');
    });
  }

  const setup = h('div', {},
    panel('Input', digitSel.el, exampleSel.el, random),
    panel('Kernel', kernelSel.el, kernelGrid, about, strideSel.el, padSel.el));
  const stage = (title: string, view: GridView, shape: HTMLElement) => panel(title, view.canvas, shape);
  const page = h('div', { class: 'pg pg-convolution' },
    h('p', { class: 'pg-lede', text: 'A convolution slides a small kernel over the image and writes one weighted sum per position. Choose a kernel (or type your own), then point at any cell of a map, or focus it and use the arrow keys, to see the window it came from and the sum. Computed with descent/nn\'s F.conv2d and F.maxPool2d.' }),
    h('div', { class: 'pg-grid pg-conv-grid' },
      setup,
      h('div', {},
        h('div', { class: 'pg-panel pg-readout-panel' }, readout),
        h('div', { class: 'pg-conv-stages' },
          stage('1 · Input', inputView, shapes.input),
          stage('2 · Convolution', convView, shapes.conv),
          stage('3 · ReLU', reluView, shapes.relu),
          stage('4 · Max-pool 2×2', poolView, shapes.pooled)))));
  root.replaceChildren(page);

  function compute(): void {
    const image = digits.images[byDigit[digit][example]];
    stages = runStages(image, kernel, { stride, padding });
    about.textContent = kernelName === 'custom' ? 'Your kernel. Weights may be decimals or fractions such as 1/9.' : KERNELS[kernelName].about;
    kernelInputs.forEach((inp, k) => {
      const v = kernel[Math.floor(k / 3)][k % 3];
      const max = Math.max(1e-9, ...kernel.flat().map(Math.abs));
      inp.style.background = cellColour(v, { kind: 'diverging', max });
      inp.style.color = Math.abs(v) / max > 0.6 ? '#ffffff' : '#1b1f24';
    });
    inspected = null;
    draw();
  }

  function draw(): void {
    const pad = (g: Grid, p: number) => {
      const W = g[0].length + 2 * p;
      return [...Array(p).fill(new Array(W).fill(0)), ...g.map((r) => [...new Array(p).fill(0), ...r, ...new Array(p).fill(0)]), ...Array(p).fill(new Array(W).fill(0))] as Grid;
    };
    inputView.values = pad(stages.input, padding);
    inputView.border = padding;
    inputView.scale = { kind: 'grey' };
    const max = Math.max(1e-9, ...stages.conv.flat().map(Math.abs));
    for (const [view, values] of [[convView, stages.conv], [reluView, stages.relu], [poolView, stages.pooled]] as const) {
      view.values = values;
      view.scale = { kind: 'diverging', max };
      view.highlight = null;
      view.cell = null;
    }
    inputView.highlight = null;
    inputView.cell = null;
    shapes.input.textContent = `(1, 1, 8, 8)${padding ? ', shown with its zero padding' : ''}`;
    shapes.conv.textContent = `(1, 1, ${stages.conv.length}, ${stages.conv[0]?.length ?? 0}); colour scale ±${fmt(max)}`;
    shapes.relu.textContent = `(1, 1, ${stages.relu.length}, ${stages.relu[0]?.length ?? 0}): max(0, x)`;
    shapes.pooled.textContent = stages.pooled.length ? `(1, 1, ${stages.pooled.length}, ${stages.pooled[0].length}): max of each 2×2 block` : 'Feature map too small to pool';

    readout.textContent = 'Point at a cell of any map (or focus one and use the arrow keys) to see where its value comes from.';
    if (inspected) {
      const [i, j] = inspected.cell;
      if (inspected.view === 'input') {
        inputView.cell = [i, j];
        const inside = i >= padding && j >= padding && i < 8 + padding && j < 8 + padding;
        readout.textContent = inside ? `Input pixel (row ${i - padding + 1}, column ${j - padding + 1}) = ${fmt(inputView.values[i][j])}` : 'Zero padding: a 0 added around the image so the kernel can sit on the border.';
      } else if (inspected.view === 'pooled') {
        poolView.cell = [i, j];
        reluView.highlight = [2 * i, 2 * j, 2, 2];
        const block = [stages.relu[2 * i][2 * j], stages.relu[2 * i][2 * j + 1], stages.relu[2 * i + 1][2 * j], stages.relu[2 * i + 1][2 * j + 1]];
        readout.textContent = `Pooled (${i + 1}, ${j + 1}) = max(${block.map((v) => fmt(v)).join(', ')}) = ${fmt(stages.pooled[i][j])}`;
      } else {
        const view = inspected.view === 'conv' ? convView : reluView;
        view.cell = [i, j];
        const rf = receptiveField(stages.input, kernel, i, j, { stride, padding });
        inputView.highlight = [rf.top + padding, rf.left + padding, 3, 3];
        const signed = (v: number) => (v < 0 ? `(−${fmt(-v, 2)})` : fmt(v, 2));
        const sum = rf.terms.map((t) => `${fmt(t.x, 2)}×${signed(t.w)}`).join(' + ');
        const v = stages.conv[i][j];
        readout.textContent = inspected.view === 'conv'
          ? `Feature (${i + 1}, ${j + 1}) = ${sum} = ${fmt(v)}`
          : `ReLU (${i + 1}, ${j + 1}) = max(0, ${fmt(v)}) = ${fmt(stages.relu[i][j])}`;
      }
    }
    for (const v of [inputView, convView, reluView, poolView]) v.draw();
  }

  fillKernelInputs();
  compute();
  return () => root.replaceChildren();
};
