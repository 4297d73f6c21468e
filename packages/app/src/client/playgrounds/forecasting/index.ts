/**
 * The forecasting playground: pick a series and a model; the last `horizon` points are held
 * out, the model is fitted on the rest, and the chart shows history, forecast, its 95%
 * interval and what really happened, with MAE, RMSE and MASE on the held-out points.
 */
import type { Mount } from '../types.js';
import { fmt, h, panel, range, select } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { fitCanvas } from '../common/color.js';
import { MODELS, SERIES, forecastView, modelsFor, type ForecastView, type ModelName, type SeriesName } from './logic.js';

const CSS = `
.pg-fc-grid { grid-template-columns: minmax(220px, 260px) minmax(0, 1fr); }
.pg-fc-canvas { border: 1px solid var(--pg-border); border-radius: 4px; max-width: 100%; }
.pg-fc-stats { display: grid; grid-template-columns: auto auto; gap: 4px 16px; font-variant-numeric: tabular-nums; margin: 8px 0 0; }
.pg-fc-stats dt { color: var(--pg-muted); }
.pg-fc-stats dd { margin: 0; }
@media (max-width: 640px) { .pg-fc-grid { grid-template-columns: minmax(0, 1fr); } }
`;

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-forecasting', CSS);
  const q = ctx.query;
  let series: SeriesName = (Object.keys(SERIES) as string[]).includes(q.get('series') ?? '') ? (q.get('series') as SeriesName) : 'co2';
  let model: ModelName = modelsFor(series).includes(q.get('model') as ModelName) ? (q.get('model') as ModelName) : 'arima111';
  let horizon = 12;
  let view: ForecastView | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const canvas = h('canvas', { class: 'pg-fc-canvas', role: 'img', 'data-testid': 'forecast-canvas' });
  const status = h('p', { class: 'pg-note', role: 'status', 'data-testid': 'fc-status' });
  const out = { mae: h('dd', { 'data-testid': 'fc-mae' }), rmse: h('dd', { 'data-testid': 'fc-rmse' }), mase: h('dd', { 'data-testid': 'fc-mase' }), aic: h('dd', { 'data-testid': 'fc-aic' }) };
  const stats = h('dl', { class: 'pg-fc-stats', 'aria-live': 'polite' },
    h('dt', { text: 'MAE on held-out points' }), out.mae, h('dt', { text: 'RMSE' }), out.rmse,
    h('dt', { text: 'MASE (< 1 beats naive)' }), out.mase, h('dt', { text: 'AIC' }), out.aic);

  const modelOptions = () => modelsFor(series).map((m) => ({ value: m, label: MODELS[m].label }));
  const sync = () => ctx.setQuery(new URLSearchParams({ series, model }));
  const modelSel = select('Model', modelOptions(), model, (v) => { model = v; sync(); refit(); });
  const seriesSel = select('Series', (Object.keys(SERIES) as SeriesName[]).map((s) => ({ value: s, label: SERIES[s].label })), series, (v) => {
    series = v;
    if (!modelsFor(series).includes(model)) model = 'arima111';
    modelSel.input.replaceChildren(...modelOptions().map((o) => h('option', { value: o.value, text: o.label, selected: o.value === model })));
    modelSel.input.value = model;
    sync();
    refit();
  });
  const horizonSlider = range('Held-out horizon', { min: 4, max: 24, step: 1, value: horizon }, (v) => String(v), () => {}, (v) => { horizon = v; refit(); });

  const picture = panel('Forecast', canvas, status, stats);
  const page = h('div', { class: 'pg pg-forecasting' },
    h('p', { class: 'pg-lede', text: 'The last points are held out; the model is fitted by maximum likelihood (ARIMA) or least squares (Holt–Winters) on the rest, then forecasts them. The band is the 95% prediction interval from the Kalman filter. Computed with descent/timeseries.' }),
    h('div', { class: 'pg-grid pg-fc-grid' }, panel('Setup', seriesSel.el, modelSel.el, horizonSlider.el), picture));
  root.replaceChildren(page);

  function refit(): void {
    status.textContent = 'Fitting…';
    clearTimeout(timer);
    // let the status paint before the (up to a few seconds) seasonal fit
    timer = setTimeout(() => {
      try {
        view = forecastView(series, model, horizon);
        status.textContent = view.hasInterval ? `Fitted ${MODELS[model].label}; band: 95% prediction interval.` : `Fitted ${MODELS[model].label}; this model gives a point forecast only (no interval).`;
      } catch (e) {
        view = null;
        status.textContent = `Could not fit: ${(e as Error).message}`;
      }
      draw();
    }, 20);
  }

  function draw(): void {
    const cssW = Math.max(260, Math.min(680, picture.clientWidth - 26 || 640));
    const cssH = Math.round(cssW * 0.5);
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    const c = fitCanvas(canvas, cssW, cssH);
    c.clearRect(0, 0, cssW, cssH);
    if (!view) return;
    const v = view;
    out.mae.textContent = fmt(v.mae);
    out.rmse.textContent = fmt(v.rmse);
    out.mase.textContent = fmt(v.mase);
    out.aic.textContent = v.aic === null ? '–' : fmt(v.aic, 5);
    const shown = v.history.slice(-Math.max(3 * v.mean.length, 36));
    const all = [...shown, ...v.actual, ...v.mean, ...v.lower.filter(Number.isFinite), ...v.upper.filter(Number.isFinite)];
    const yLo = Math.min(...all);
    const yHi = Math.max(...all);
    const total = shown.length + v.mean.length;
    const X = (i: number) => 8 + ((cssW - 16) * i) / (total - 1);
    const Y = (y: number) => cssH - 10 - ((y - yLo) / (yHi - yLo || 1)) * (cssH - 20);
    const off = shown.length;
    if (v.hasInterval) {
      c.fillStyle = 'rgba(34, 96, 159, 0.18)';
      c.beginPath();
      v.upper.forEach((u, i) => (i === 0 ? c.moveTo(X(off + i), Y(u)) : c.lineTo(X(off + i), Y(u))));
      for (let i = v.lower.length - 1; i >= 0; i--) c.lineTo(X(off + i), Y(v.lower[i]));
      c.closePath();
      c.fill();
    }
    const line = (ys: number[], start: number, colour: string, dash: number[] = []) => {
      c.strokeStyle = colour;
      c.lineWidth = 2;
      c.setLineDash(dash);
      c.beginPath();
      ys.forEach((y, i) => (i === 0 ? c.moveTo(X(start + i), Y(y)) : c.lineTo(X(start + i), Y(y))));
      c.stroke();
      c.setLineDash([]);
    };
    line(shown, 0, '#56616b');
    line(v.actual, off, '#1b1f24', [4, 3]);
    line(v.mean, off, '#22609f');
    canvas.setAttribute('aria-label', `${SERIES[series].label}: the last ${shown.length} fitted points in grey, the ${v.mean.length} held-out values dashed, the ${MODELS[model].label} forecast in blue${v.hasInterval ? ' with its 95% interval shaded' : ''}. MAE ${fmt(v.mae)}, MASE ${fmt(v.mase)}.`);
  }

  const onResize = () => draw();
  window.addEventListener('resize', onResize);
  refit();
  return () => {
    clearTimeout(timer);
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
