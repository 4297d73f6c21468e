/**
 * The neural-network playground (in the spirit of TensorFlow Playground): pick a 2-D
 * dataset, input features and an architecture, train with SGD and watch the decision
 * boundary, every neuron and the loss move. The whole configuration lives in the URL.
 *
 * Training runs on the main thread in time slices: each animation frame trains for what
 * is left of `FRAME_TARGET_MS` after drawing, then evaluates the network on the grid and
 * repaints. A small network's SGD step takes ~0.3 ms and a grid evaluation 1–4 ms, so no
 * worker is needed (scripts/measure-playground.ts measures the frame rate in Chromium).
 */
import { noGrad } from 'descent/tensor';
import type { Mount } from '../types.js';
import { button, checkbox, h, panel, range, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { Trainer } from './network.js';
import {
  ACTIVATIONS, DATASETS, FEATURES, LEARNING_RATES, MAX_LAYERS, MAX_NEURONS, REG_RATES, REGULARIZATIONS,
  decodeState, encodeState, type DatasetName, type NNState, type Problem,
} from './state.js';
import { GRID_RES, NN_CSS, NetworkView, OutputView, drawLossCurve } from './view.js';

/**
 * A frame's time target while playing: training gets what drawing leaves of it (at least
 * one step), so a big network trains fewer steps per frame instead of dropping frames.
 */
export const FRAME_TARGET_MS = 12;
const MIN_TRAIN_MS = 2;
/** The coarsest grid the pictures drop to while playing. */
const MIN_RES = 30;

const DATASET_LABELS: Record<DatasetName, string> = {
  circle: 'Circle', xor: 'Exclusive or (XOR)', gaussian: 'Two Gaussians', spiral: 'Spiral', plane: 'Plane', bumps: 'Two bumps',
};
const ACTIVATION_LABELS = { relu: 'ReLU', tanh: 'Tanh', sigmoid: 'Sigmoid', linear: 'Linear' };

/**
 * Runs `trainer` for up to `budgetMs` (at least one step), then evaluates the grid: the
 * work of one animation frame. Returns how long each part took, in ms.
 *
 * ```ts
 * const { steps, trainMs, gridMs } = frameUpdate(new Trainer(defaultState()), 8);
 * ```
 */
export function frameUpdate(trainer: Trainer, budgetMs: number, res = GRID_RES): { trainMs: number; steps: number; gridMs: number; grid: ReturnType<Trainer['evaluateGrid']> } {
  const t0 = performance.now();
  let steps = 0;
  do {
    trainer.step();
    steps++;
  } while (performance.now() - t0 < budgetMs);
  const t1 = performance.now();
  const grid = trainer.evaluateGrid(res);
  return { trainMs: t1 - t0, steps, gridMs: performance.now() - t1, grid };
}

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-nn', NN_CSS);
  let state = decodeState(ctx.query);
  let trainer = new Trainer(state);
  let playing = false;
  let raf = 0;
  let showTest = false;
  let discretize = false;

  const commit = (next: NNState, rebuild: boolean) => {
    state = next;
    ctx.setQuery(encodeState(state));
    if (rebuild) reset();
    else { trainer.setHyper(state); schedule(); }
  };

  // Toolbar: run controls and the hyperparameters that can change mid-training.
  const playBtn = button('▶ Play', () => setPlaying(!playing), { class: 'pg-btn pg-primary', 'aria-pressed': 'false', 'data-testid': 'play' });
  const stepBtn = button('Step', () => { trainer.trainEpoch(); schedule(); }, { 'aria-label': 'Train one epoch', 'data-testid': 'step' });
  const resetBtn = button('Reset', () => reset(), { 'aria-label': 'Reset the network to its initial weights', 'data-testid': 'reset' });
  const epochOut = h('dd', { 'data-testid': 'epoch', 'aria-live': 'off', text: '0' });
  const trainOut = h('dd', { 'data-testid': 'train-loss' });
  const testOut = h('dd', { 'data-testid': 'test-loss' });

  const lr = select('Learning rate', LEARNING_RATES.map((v) => ({ value: String(v), label: String(v) })), String(state.learningRate),
    (v) => commit({ ...state, learningRate: Number(v) }, false));
  const act = select('Activation', ACTIVATIONS.map((v) => ({ value: v, label: ACTIVATION_LABELS[v] })), state.activation,
    (v) => commit({ ...state, activation: v }, true));
  const regRate = select('Regularization rate', REG_RATES.map((v) => ({ value: String(v), label: String(v) })), String(state.regRate),
    (v) => commit({ ...state, regRate: Number(v) }, false));
  const reg = select('Regularization', REGULARIZATIONS.map((v) => ({ value: v, label: v === 'none' ? 'None' : v })), state.regularization,
    (v) => {
      // Switching a penalty on with rate 0 would do nothing; start from a small rate instead.
      const rate = v === 'none' ? 0 : state.regRate || 0.001;
      regRate.input.value = String(rate);
      regRate.input.disabled = v === 'none';
      commit({ ...state, regularization: v, regRate: rate }, false);
    });
  regRate.input.disabled = state.regularization === 'none';
  const problem = select('Problem type', [{ value: 'classification', label: 'Classification' }, { value: 'regression', label: 'Regression' }], state.problem,
    (v: Problem) => {
      fillDatasets(v);
      commit({ ...state, problem: v, dataset: DATASETS[v][0] }, true);
    });

  const toolbar = h('div', { class: 'pg-toolbar', role: 'toolbar', 'aria-label': 'Training' },
    resetBtn, playBtn, stepBtn,
    h('dl', { class: 'pg-stat' }, h('div', {}, h('dt', { text: 'Epoch' }), epochOut)),
    lr.el, act.el, reg.el, regRate.el, problem.el);

  // Data panel.
  const dataset = select('Dataset', [], state.dataset, (v: DatasetName) => commit({ ...state, dataset: v }, true));
  const fillDatasets = (p: Problem) => {
    dataset.input.replaceChildren(...DATASETS[p].map((d) => h('option', { value: d, text: DATASET_LABELS[d] })));
  };
  fillDatasets(state.problem);
  dataset.input.value = state.dataset;
  const ratio = range('Training data', { min: 10, max: 90, step: 10, value: state.trainRatio }, (v) => `${v}%`, () => {}, (v) => commit({ ...state, trainRatio: v }, true));
  const noise = range('Noise', { min: 0, max: 50, step: 5, value: state.noise }, (v) => `${v}`, () => {}, (v) => commit({ ...state, noise: v }, true));
  const batch = range('Batch size', { min: 1, max: 30, step: 1, value: state.batchSize }, (v) => `${v}`, () => {}, (v) => commit({ ...state, batchSize: v }, false));
  const regen = button('New data', () => commit({ ...state, seed: (state.seed % 100_000) + 1 }, true), { 'aria-label': 'Draw a new sample of the dataset' });
  const dataPanel = panel('Data', dataset.el, ratio.el, noise.el, batch.el, regen);

  // Network panel.
  const network = new NetworkView({
    toggleFeature: (f) => {
      const on = state.features.includes(f);
      if (on && state.features.length === 1) return; // the network needs at least one input
      const features = FEATURES.filter((x) => (x === f ? !on : state.features.includes(x)));
      commit({ ...state, features }, true);
    },
    addLayer: () => state.layers.length < MAX_LAYERS && commit({ ...state, layers: [...state.layers, 2] }, true),
    removeLayer: () => state.layers.length > 0 && commit({ ...state, layers: state.layers.slice(0, -1) }, true),
    setNeurons: (l, n) => {
      if (n < 1 || n > MAX_NEURONS) return;
      commit({ ...state, layers: state.layers.map((v, i) => (i === l ? n : v)) }, true);
    },
  });
  const netPanel = panel('Network', network.el, h('p', { class: 'pg-note', text: 'Each square shows one neuron\'s output over the input plane (orange negative, blue positive). Lines are weights: blue positive, orange negative, thicker is larger.' }));
  netPanel.classList.add('pg-wide');

  // Output panel.
  const output = new OutputView();
  const lossCanvas = h('canvas', { role: 'img', 'aria-label': 'Loss curve: training loss dashed, test loss solid, per epoch' });
  const testBox = checkbox('Show test data', showTest, (v) => { showTest = v; schedule(); });
  const discBox = checkbox('Discretize output', discretize, (v) => { discretize = v; schedule(); });
  const outPanel = panel('Output',
    h('dl', { class: 'pg-stat' }, h('div', {}, h('dt', { text: 'Test loss' }), testOut), h('div', {}, h('dt', { text: 'Training loss' }), trainOut)),
    lossCanvas,
    h('p', { class: 'pg-note', text: 'Loss per epoch: test solid, training dashed.' }),
    output.canvas,
    h('div', { class: 'pg-scale', 'aria-hidden': 'true' }, h('span', { text: '−1' }), h('span', { class: 'bar' }), h('span', { text: '+1' })),
    testBox.el, discBox.el);
  // On a phone the picture comes right after the Play button; the diagram follows.
  outPanel.classList.add('pg-out');

  const page = h('div', { class: 'pg pg-nn' },
    h('p', { class: 'pg-lede', text: 'A small network trained in your browser with descent/nn and descent/optim. Choose the data, the input features and the layers, press Play, and watch the network bend its decision boundary around the points. The link in the address bar reproduces this exact setup.' }),
    toolbar,
    h('div', { class: 'pg-grid' }, dataPanel, netPanel, outPanel));
  root.replaceChildren(page);

  function layout(): void {
    const w = outPanel.clientWidth - 26;
    output.size = Math.max(200, Math.min(320, w));
    output.canvas.style.width = output.canvas.style.height = `${output.size}px`;
  }

  function render(grid = trainer.evaluateGrid(GRID_RES)): void {
    epochOut.textContent = String(trainer.epoch);
    const last = trainer.history[trainer.history.length - 1];
    trainOut.textContent = last.train.toFixed(3);
    testOut.textContent = last.test.toFixed(3);
    const weights = noGrad(() => trainer.layers.map((l) => l.weight.toTypedArray() as Float32Array));
    network.update(grid.hidden, weights);
    output.draw(grid.output, trainer.split, { showTest, discretize, problem: state.problem });
    drawLossCurve(lossCanvas, output.size, trainer.history);
  }

  let drawMs = 8; // running estimate of the grid evaluation plus drawing
  // While playing, a big network on a slow machine gets coarser pictures rather than a
  // lower frame rate; paused pictures are always drawn at full resolution.
  let playRes = GRID_RES;
  function frame(): void {
    raf = 0;
    if (playing) {
      const { grid, gridMs } = frameUpdate(trainer, Math.max(MIN_TRAIN_MS, FRAME_TARGET_MS - drawMs), playRes);
      const t0 = performance.now();
      render(grid);
      drawMs = 0.8 * drawMs + 0.2 * (gridMs + performance.now() - t0);
      if (drawMs > 1.5 * FRAME_TARGET_MS && playRes > MIN_RES) { playRes -= 10; drawMs = FRAME_TARGET_MS; }
      else if (drawMs < 0.5 * FRAME_TARGET_MS && playRes < GRID_RES) { playRes += 10; drawMs = FRAME_TARGET_MS; }
      raf = requestAnimationFrame(frame);
    } else {
      render();
    }
  }

  function schedule(): void {
    if (raf === 0) raf = requestAnimationFrame(frame);
  }

  function setPlaying(on: boolean): void {
    playing = on;
    playBtn.textContent = on ? '❚❚ Pause' : '▶ Play';
    playBtn.setAttribute('aria-pressed', String(on));
    schedule();
  }

  function reset(): void {
    trainer = new Trainer(state);
    network.build(state);
    schedule();
  }

  const onResize = () => { layout(); network.invalidateLayout(); schedule(); };
  window.addEventListener('resize', onResize);
  // The diagram's own box can change without a window resize (fonts loading, panels wrapping).
  const observer = new ResizeObserver(() => { network.invalidateLayout(); schedule(); });
  observer.observe(network.el);
  network.build(state);
  layout();
  schedule();

  return () => {
    playing = false;
    if (raf !== 0) cancelAnimationFrame(raf);
    window.removeEventListener('resize', onResize);
    observer.disconnect();
    root.replaceChildren();
  };
};
