/**
 * A small grid of numbers drawn as coloured cells on a canvas, whose cells can be
 * inspected by mouse (hover) or keyboard (focus the canvas, move with the arrow keys):
 * the inspected cell is outlined and reported through `onInspect`.
 */
import { DIVERGING_LUT, lutIndex, fitCanvas } from '../common/color.js';
import { h } from '../common/dom.js';
import type { Grid } from './pipeline.js';

export type Scale = { kind: 'grey' } | { kind: 'diverging'; max: number };

/** Fill colour of a value: grey for the input (0 white, 1 black), orange/blue around 0 otherwise. */
export function cellColour(v: number, scale: Scale): string {
  if (scale.kind === 'grey') {
    const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
    return `rgb(${g},${g},${g})`;
  }
  const k = lutIndex(v, -scale.max, scale.max) * 3;
  return `rgb(${DIVERGING_LUT[k]},${DIVERGING_LUT[k + 1]},${DIVERGING_LUT[k + 2]})`;
}

export class GridView {
  readonly canvas: HTMLCanvasElement;
  values: Grid = [];
  scale: Scale = { kind: 'grey' };
  /** The inspected cell, or null. */
  cell: [number, number] | null = null;
  /** Extra outlined rectangle in cell units (a receptive field), [top, left, rows, cols]. */
  highlight: [number, number, number, number] | null = null;
  /** Width of a ring of zero-padding cells around the values, drawn pale. */
  border = 0;

  constructor(readonly name: string, readonly cellPx: number, private readonly onInspect: (cell: [number, number] | null) => void) {
    this.canvas = h('canvas', { tabindex: 0, role: 'img', class: 'pg-conv-canvas', 'aria-label': name });
    this.canvas.addEventListener('mousemove', (ev) => {
      const r = this.canvas.getBoundingClientRect();
      const i = Math.floor((ev.clientY - r.top) / this.cellPx);
      const j = Math.floor((ev.clientX - r.left) / this.cellPx);
      if (i >= 0 && j >= 0 && i < this.values.length && j < (this.values[0]?.length ?? 0)) this.inspect([i, j]);
    });
    this.canvas.addEventListener('focus', () => this.inspect(this.cell ?? [0, 0]));
    this.canvas.addEventListener('keydown', (ev) => {
      const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const m = moves[ev.key];
      if (!m || this.values.length === 0) return;
      ev.preventDefault();
      const [i, j] = this.cell ?? [0, 0];
      this.inspect([Math.min(this.values.length - 1, Math.max(0, i + m[0])), Math.min(this.values[0].length - 1, Math.max(0, j + m[1]))]);
    });
  }

  private inspect(cell: [number, number] | null): void {
    this.cell = cell;
    this.onInspect(cell);
  }

  /** Redraws the cells, their values when they fit, the inspected cell and the highlight. */
  draw(): void {
    const rows = this.values.length;
    const cols = rows ? this.values[0].length : 0;
    const p = this.cellPx;
    const ctx = fitCanvas(this.canvas, Math.max(1, cols * p), Math.max(1, rows * p));
    this.canvas.style.width = `${cols * p}px`;
    this.canvas.style.height = `${rows * p}px`;
    ctx.clearRect(0, 0, cols * p, rows * p);
    ctx.font = `${Math.round(p * 0.36)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = this.values[i][j];
        const pad = i < this.border || j < this.border || i >= rows - this.border || j >= cols - this.border;
        ctx.fillStyle = pad ? '#e6eaef' : cellColour(v, this.scale);
        ctx.fillRect(j * p, i * p, p, p);
        // Values in the cells when they are big enough to read; dark or light text by fill.
        if (p >= 24) {
          const s = this.scale;
          const dark = !pad && (s.kind === 'grey' ? v > 0.5 : Math.abs(v) / (s.max || 1) > 0.6);
          ctx.fillStyle = dark ? '#ffffff' : '#1b1f24';
          ctx.fillText(Math.abs(v) < 0.005 ? '0' : v.toFixed(Math.abs(v) >= 10 ? 0 : 1), j * p + p / 2, i * p + p / 2);
        }
      }
    }
    ctx.strokeStyle = 'rgba(0,0,0,0.12)';
    ctx.lineWidth = 1;
    for (let i = 0; i <= rows; i++) { ctx.beginPath(); ctx.moveTo(0, i * p); ctx.lineTo(cols * p, i * p); ctx.stroke(); }
    for (let j = 0; j <= cols; j++) { ctx.beginPath(); ctx.moveTo(j * p, 0); ctx.lineTo(j * p, rows * p); ctx.stroke(); }
    if (this.highlight) {
      const [t, l, hgt, w] = this.highlight;
      ctx.strokeStyle = '#d4006a';
      ctx.lineWidth = 3;
      ctx.strokeRect(l * p + 1.5, t * p + 1.5, w * p - 3, hgt * p - 3);
    }
    if (this.cell && this.cell[0] < rows && this.cell[1] < cols) {
      ctx.strokeStyle = '#d4006a';
      ctx.lineWidth = 3;
      ctx.strokeRect(this.cell[1] * p + 1.5, this.cell[0] * p + 1.5, p - 3, p - 3);
    }
  }
}
