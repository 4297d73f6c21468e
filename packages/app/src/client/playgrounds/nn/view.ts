/**
 * The neural-network playground's pictures: the network diagram (a small heat map per
 * input feature and per neuron, links coloured by weight), the output heat map with the
 * data points, and the loss curve. Everything is Canvas 2D; heat maps are painted into
 * ImageData at grid resolution and scaled up.
 */
import { DIVERGING_LUT, HeatMap, NEGATIVE, POSITIVE, divergingCss, fitCanvas } from '../common/color.js';
import { button, h } from '../common/dom.js';
import { DOMAIN, FEATURE_FNS, gridPoints, type Point } from './data.js';
import { MAX_LAYERS, MAX_NEURONS, type FeatureName, type NNState } from './state.js';

/** Resolution of every heat map's grid (res × res cells over [-6, 6]²). */
export const GRID_RES = 50;
const NEURON_PX = 44;

/** What the network diagram asks of the page when a button is pressed. */
export interface NetworkActions {
  toggleFeature(f: FeatureName): void;
  addLayer(): void;
  removeLayer(): void;
  setNeurons(layer: number, n: number): void;
}

/** The columns of the diagram: input features, then one column per hidden layer. */
export class NetworkView {
  readonly el: HTMLElement;
  private readonly links: HTMLCanvasElement;
  private readonly body: HTMLElement;
  private hidden: HeatMap[][] = [];
  private featureMaps = new Map<FeatureName, HeatMap>();

  constructor(private readonly actions: NetworkActions) {
    this.links = h('canvas', { class: 'pg-links', 'aria-hidden': 'true' });
    this.body = h('div', { class: 'pg-net-body' });
    this.el = h('div', { class: 'pg-net' }, this.links, this.body);
  }

  /** Rebuilds the columns for a new set of features and layers. */
  build(state: NNState): void {
    this.positions = null;
    this.body.replaceChildren();
    this.featureMaps.clear();
    // Input features: a toggle button per feature showing its picture; off ones are dimmed.
    const inputs = h('div', { class: 'pg-col', role: 'group', 'aria-label': 'Input features' }, h('div', { class: 'pg-col-head', text: 'Features' }));
    for (const [name, { label, fn }] of Object.entries(FEATURE_FNS) as [FeatureName, (typeof FEATURE_FNS)[FeatureName]][]) {
      const on = state.features.includes(name);
      const canvas = h('canvas', { width: NEURON_PX, height: NEURON_PX, 'aria-hidden': 'true' });
      const b = h('button', { type: 'button', class: 'pg-neuron pg-feature', 'aria-pressed': String(on), 'data-feature': name, title: `Use ${label} as an input` },
        canvas, h('span', { text: label }));
      b.setAttribute('aria-label', `Input feature ${label}`);
      b.addEventListener('click', () => this.actions.toggleFeature(name));
      inputs.append(b);
      const hm = new HeatMap(canvas, GRID_RES);
      // A feature's picture never changes: paint it once, scaled to roughly [-1, 1].
      const pts = gridPoints(GRID_RES);
      const scale = name.endsWith('sq') ? DOMAIN * DOMAIN / 2 : name === 'x1x2' ? DOMAIN * DOMAIN / 2 : name.startsWith('sin') ? 1 : DOMAIN;
      const offset = name.endsWith('sq') ? 1 : 0;
      hm.draw(Float32Array.from(pts, (p) => fn(p.x1, p.x2) / scale - offset));
      this.featureMaps.set(name, hm);
    }
    this.body.append(inputs);

    this.hidden = state.layers.map((n, l) => {
      const col = h('div', { class: 'pg-col', role: 'group', 'aria-label': `Hidden layer ${l + 1}, ${n} neurons` });
      const minus = button('−', () => this.actions.setNeurons(l, n - 1), { 'aria-label': `Remove a neuron from layer ${l + 1}`, disabled: n <= 1, class: 'pg-btn pg-small' });
      const plus = button('+', () => this.actions.setNeurons(l, n + 1), { 'aria-label': `Add a neuron to layer ${l + 1}`, disabled: n >= MAX_NEURONS, class: 'pg-btn pg-small' });
      col.append(h('div', { class: 'pg-col-head' }, minus, h('span', { text: `${n}` }), plus));
      const maps: HeatMap[] = [];
      for (let j = 0; j < n; j++) {
        const canvas = h('canvas', { width: NEURON_PX, height: NEURON_PX, class: 'pg-neuron', role: 'img', 'aria-label': `Layer ${l + 1}, neuron ${j + 1}: its output over the input plane` });
        col.append(canvas);
        maps.push(new HeatMap(canvas, GRID_RES));
      }
      this.body.append(col);
      return maps;
    });

    const layerButtons = h('div', { class: 'pg-col pg-layer-ctl' },
      h('div', { class: 'pg-col-head', text: `${state.layers.length} hidden` }),
      button('+ layer', () => this.actions.addLayer(), { disabled: state.layers.length >= MAX_LAYERS, class: 'pg-btn pg-small', 'aria-label': 'Add a hidden layer' }),
      button('− layer', () => this.actions.removeLayer(), { disabled: state.layers.length === 0, class: 'pg-btn pg-small', 'aria-label': 'Remove the last hidden layer' }));
    this.body.append(layerButtons);
  }

  /** Paints each neuron's picture and the links; weights[l] is layer l's (out, in) matrix, row-major. */
  update(hidden: Float32Array[][], weights: Float32Array[]): void {
    for (let l = 0; l < this.hidden.length; l++) for (let j = 0; j < this.hidden[l].length; j++) this.hidden[l][j].draw(hidden[l][j]);
    this.drawLinks(weights);
  }

  /** Neuron positions for the links, measured once per layout (reading them every frame would force a reflow). */
  private positions: { width: number; height: number; layers: { left: number; right: number; y: number }[][] } | null = null;

  /** Forgets the measured positions (after a rebuild or a resize). */
  invalidateLayout(): void {
    this.positions = null;
  }

  private measure(): NonNullable<NetworkView['positions']> | null {
    const box = this.el.getBoundingClientRect();
    if (box.width === 0) return null;
    const cols = [...this.body.querySelectorAll<HTMLElement>('.pg-col:not(.pg-layer-ctl)')];
    const centres = (col: HTMLElement, sel: string) => [...col.querySelectorAll<HTMLElement>(sel)].map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left - box.left, right: r.right - box.left, y: r.top - box.top + NEURON_PX / 2 };
    });
    return {
      width: box.width,
      height: box.height,
      layers: [centres(cols[0], '.pg-feature[aria-pressed="true"]'), ...cols.slice(1).map((c) => centres(c, 'canvas.pg-neuron'))],
    };
  }

  /** Lines from every active input or neuron to the next layer, width ∝ |w|, colour by sign. */
  private drawLinks(weights: Float32Array[]): void {
    this.positions ??= this.measure();
    const pos = this.positions;
    if (pos === null) return;
    const ctx = fitCanvas(this.links, pos.width, pos.height);
    ctx.clearRect(0, 0, pos.width, pos.height);
    // Links into the hidden layers only; the last matrix feeds the output picture on the right.
    for (let l = 0; l + 1 < pos.layers.length && l < weights.length; l++) {
      const W = weights[l];
      const from = pos.layers[l];
      const to = pos.layers[l + 1];
      for (let o = 0; o < to.length; o++) {
        for (let i = 0; i < from.length; i++) {
          const w = W[o * from.length + i];
          const mid = (from[i].right + to[o].left) / 2;
          ctx.strokeStyle = divergingCss(Math.tanh(w));
          ctx.lineWidth = Math.min(5, 0.5 + Math.abs(w) * 1.5);
          ctx.beginPath();
          ctx.moveTo(from[i].right, from[i].y);
          ctx.bezierCurveTo(mid, from[i].y, mid, to[o].y, to[o].left, to[o].y);
          ctx.stroke();
        }
      }
    }
  }
}

/** The output picture: the network's prediction over the plane and the data on top. */
export class OutputView {
  readonly canvas: HTMLCanvasElement;
  private readonly heat: HTMLCanvasElement;
  private readonly map: HeatMap;
  size = 300;

  constructor() {
    this.heat = document.createElement('canvas');
    this.heat.width = this.heat.height = 300;
    this.map = new HeatMap(this.heat, GRID_RES);
    this.canvas = h('canvas', { class: 'pg-output', role: 'img', 'aria-label': 'Decision boundary: the network\'s output over the input plane, with the data points' });
  }

  /**
   * Draws the prediction (values in [-1, 1], res² row-major) and the points: filled by
   * label, train points outlined in white, test points in black.
   */
  draw(output: Float32Array, split: { train: Point[]; test: Point[] }, o: { showTest: boolean; discretize: boolean; problem: NNState['problem'] }): void {
    const s = this.size;
    const ctx = fitCanvas(this.canvas, s, s);
    const values = o.discretize ? output.map((v) => (v >= 0 ? 1 : -1)) : output;
    this.map.draw(values, DIVERGING_LUT, -1, 1, !o.discretize);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, s, s);
    // A lighter background than the points' colours, so points of either class stand out.
    ctx.globalAlpha = 0.6;
    ctx.drawImage(this.heat, 0, 0, s, s);
    ctx.globalAlpha = 1;
    const toPx = (v: number) => ((v + DOMAIN) / (2 * DOMAIN)) * s;
    const drawPts = (pts: Point[], stroke: string) => {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = 1;
      for (const p of pts) {
        ctx.fillStyle = o.problem === 'classification' ? `rgb(${(p.y > 0.5 ? POSITIVE : NEGATIVE).join(',')})` : divergingCss(p.y);
        ctx.beginPath();
        ctx.arc(toPx(p.x1), s - toPx(p.x2), 3.2, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    };
    drawPts(split.train, '#ffffff');
    if (o.showTest) drawPts(split.test, '#000000');
    // Tick labels at -6, 0, 6 so the scale of the features is readable.
    ctx.fillStyle = '#1b1f24';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'bottom';
    for (const v of [-DOMAIN, 0, DOMAIN]) {
      ctx.textAlign = v < 0 ? 'left' : v > 0 ? 'right' : 'center';
      ctx.fillText(String(v), toPx(v) + (v < 0 ? 2 : v > 0 ? -2 : 0), s - 1);
    }
  }
}

/** Train and test loss per epoch. */
export function drawLossCurve(canvas: HTMLCanvasElement, width: number, history: { epoch: number; train: number; test: number }[]): void {
  const hgt = 90;
  const ctx = fitCanvas(canvas, width, hgt);
  ctx.clearRect(0, 0, width, hgt);
  ctx.strokeStyle = '#d0d7de';
  ctx.strokeRect(0.5, 0.5, width - 1, hgt - 1);
  if (history.length < 2) return;
  const finite = history.flatMap((p) => [p.train, p.test]).filter(Number.isFinite);
  const top = Math.max(1e-9, ...finite);
  const last = history[history.length - 1].epoch || 1;
  const x = (e: number) => 4 + (e / last) * (width - 8);
  const y = (v: number) => hgt - 4 - (Math.min(v, top) / top) * (hgt - 8);
  const series: ['train' | 'test', string, number[]][] = [['train', '#6e7781', [4, 3]], ['test', '#1b1f24', []]];
  for (const [key, colour, dash] of series) {
    ctx.strokeStyle = colour;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    // At most ~2 points per pixel: long runs are thinned, not all drawn.
    const stride = Math.max(1, Math.floor(history.length / (2 * width)));
    for (let i = 0; i < history.length; i += stride) {
      const p = history[i];
      if (i === 0) ctx.moveTo(x(p.epoch), y(p[key]));
      else ctx.lineTo(x(p.epoch), y(p[key]));
    }
    const end = history[history.length - 1];
    ctx.lineTo(x(end.epoch), y(end[key]));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

export const NN_CSS = `
.pg-net { position: relative; overflow-x: auto; }
@media (max-width: 640px) { .pg-nn .pg-out { order: -1; } }
.pg-links { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
.pg-net-body { position: relative; display: flex; gap: 28px; align-items: flex-start; min-height: 100%; padding-bottom: 4px; }
.pg-col { display: flex; flex-direction: column; align-items: center; gap: 6px; }
.pg-col-head { display: flex; align-items: center; gap: 4px; min-height: 32px; font-size: 0.8rem; color: var(--pg-muted); white-space: nowrap; }
.pg-neuron { width: ${NEURON_PX}px; height: ${NEURON_PX}px; border: 1px solid var(--pg-border); border-radius: 4px; background: #fff; position: relative; z-index: 1; }
button.pg-feature { padding: 0; display: block; height: auto; width: ${NEURON_PX}px; cursor: pointer; background: none; border: none; font: inherit; color: var(--pg-fg); }
button.pg-feature canvas { width: ${NEURON_PX}px; height: ${NEURON_PX}px; border: 2px solid var(--pg-border); border-radius: 4px; }
button.pg-feature span { display: block; font-size: 0.72rem; text-align: center; }
button.pg-feature[aria-pressed="false"] canvas { opacity: 0.3; }
button.pg-feature[aria-pressed="true"] canvas { border-color: var(--pg-accent); }
.pg-small { min-height: 28px; min-width: 28px; padding: 0 6px; font-size: 0.85rem; }
.pg-layer-ctl { gap: 8px; }
.pg-output { width: 300px; height: 300px; border: 1px solid var(--pg-border); border-radius: 4px; }
.pg-scale { display: flex; align-items: center; gap: 6px; font-size: 0.75rem; color: var(--pg-muted); margin-top: 4px; }
.pg-scale span.bar { flex: 1; height: 10px; border-radius: 3px; background: linear-gradient(90deg, rgb(${NEGATIVE.join(',')}), #f0f2f4, rgb(${POSITIVE.join(',')})); }
`;
