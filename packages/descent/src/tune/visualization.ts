/**
 * Study charts as Vega-Lite specs in descent/plot's house style (Optuna's
 * `optuna.visualization` names in camelCase): render them with `renderSvg` from descent/plot
 * or `vega-embed` in a browser.
 */
import { baseSpec, type ChartOptions, type ChartSpec } from '../plot/spec.js';
import type { Study } from './study.js';
import { trialParams } from './trial.js';

/**
 * Objective value of every completed trial and the best value so far, by trial number.
 *
 * ```ts
 * const svg = await renderSvg(plotOptimizationHistory(study));
 * ```
 */
export function plotOptimizationHistory(study: Study, options: ChartOptions = {}): ChartSpec {
  const sign = study.direction === 'minimize' ? 1 : -1;
  let best = Infinity;
  const values: Record<string, unknown>[] = [];
  for (const t of study.getTrials(['COMPLETE'])) {
    const v = t.values?.[0] as number;
    best = Math.min(best, sign * v);
    values.push({ trial: t.number, value: v, series: 'objective value' });
    values.push({ trial: t.number, value: sign * best, series: 'best value' });
  }
  const x = { field: 'trial', type: 'quantitative', title: options.xLabel ?? 'trial' };
  const y = { field: 'value', type: 'quantitative', title: options.yLabel ?? 'objective value', scale: { zero: false } };
  const color = { field: 'series', type: 'nominal', title: null };
  return {
    ...baseSpec({ title: 'Optimization history', ...options }),
    data: { values },
    layer: [
      { transform: [{ filter: "datum.series === 'objective value'" }], mark: { type: 'point', filled: true, opacity: 0.7 }, encoding: { x, y, color } },
      { transform: [{ filter: "datum.series === 'best value'" }], mark: { type: 'line', interpolate: 'step-after' }, encoding: { x, y, color } },
    ],
  };
}

/**
 * Each completed trial as a line through its parameters (scaled to [0, 1] per axis; log
 * ranges in log space, categoricals by choice index), coloured by objective value.
 *
 * ```ts
 * plotParallelCoordinate(study, { params: ['lr', 'maxDepth'] });
 * ```
 */
export function plotParallelCoordinate(study: Study, options: ChartOptions & { params?: string[] } = {}): ChartSpec {
  const trials = study.getTrials(['COMPLETE']);
  const names = options.params ?? [...new Set(trials.flatMap((t) => Object.keys(t.paramsInternal)))];
  const values: Record<string, unknown>[] = [];
  for (const name of names) {
    const ts = trials.filter((t) => t.paramsInternal[name] !== undefined);
    const dist = ts[0]?.distributions[name];
    if (!dist) continue;
    const tr = (v: number): number => (dist.kind !== 'categorical' && dist.log ? Math.log(v) : v);
    const lo = dist.kind === 'categorical' ? 0 : tr(dist.low);
    const hi = dist.kind === 'categorical' ? dist.choices.length - 1 : tr(dist.high);
    for (const t of ts) {
      const raw = trialParams(t)[name];
      values.push({ trial: t.number, param: name, scaled: hi > lo ? (tr(t.paramsInternal[name] as number) - lo) / (hi - lo) : 0.5, raw: String(raw), value: t.values?.[0] });
    }
  }
  return {
    ...baseSpec({ title: 'Parallel coordinates', ...options }),
    data: { values },
    mark: { type: 'line', opacity: 0.6 },
    encoding: {
      x: { field: 'param', type: 'nominal', sort: names, title: null },
      y: { field: 'scaled', type: 'quantitative', title: options.yLabel ?? 'position in range', scale: { domain: [0, 1] } },
      detail: { field: 'trial', type: 'nominal' },
      color: { field: 'value', type: 'quantitative', title: 'objective', scale: { scheme: 'viridis', reverse: study.direction === 'minimize' } },
      tooltip: [{ field: 'trial' }, { field: 'param' }, { field: 'raw', title: 'value' }, { field: 'value', title: 'objective' }],
    },
  };
}

/**
 * The first two objectives of every completed trial, the Pareto front highlighted.
 *
 * ```ts
 * plotParetoFront(study); // study created with directions: [..., ...]
 * ```
 */
export function plotParetoFront(study: Study, options: ChartOptions & { targetNames?: [string, string] } = {}): ChartSpec {
  if (!study.isMultiObjective) throw new Error('plotParetoFront: the study has one objective; the Pareto front needs two or more.');
  const front = new Set(study.bestTrials.map((t) => t.number));
  const [n0, n1] = options.targetNames ?? ['objective 0', 'objective 1'];
  const values = study.getTrials(['COMPLETE']).map((t) => ({
    trial: t.number,
    v0: t.values?.[0],
    v1: t.values?.[1],
    group: front.has(t.number) ? 'Pareto front' : 'dominated',
  }));
  return {
    ...baseSpec({ title: 'Pareto front', ...options }),
    data: { values },
    mark: { type: 'point', filled: true, opacity: 0.8 },
    encoding: {
      x: { field: 'v0', type: 'quantitative', title: options.xLabel ?? n0, scale: { zero: false } },
      y: { field: 'v1', type: 'quantitative', title: options.yLabel ?? n1, scale: { zero: false } },
      color: { field: 'group', type: 'nominal', title: null, scale: { domain: ['Pareto front', 'dominated'], range: ['#e15759', '#bab0ac'] } },
      tooltip: [{ field: 'trial' }, { field: 'v0', title: n0 }, { field: 'v1', title: n1 }],
    },
  };
}
