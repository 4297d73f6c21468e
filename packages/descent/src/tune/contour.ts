/**
 * `plotContour`: how the objective varies over two parameters at a time, as
 * `optuna.visualization.plot_contour` draws it — the completed trials as points over a
 * coloured surface interpolated between them; with more than two parameters, a matrix of
 * such panels, one per pair (the diagonal left empty).
 *
 * The surface is Optuna's (matplotlib backend, after plotly.js's `interp2d`): each trial's
 * value is pinned to the nearest cell of a `resolution` × `resolution` grid over the padded
 * range of the observed values, and every other cell is the average of its neighbours (the
 * discrete Laplace equation, with zero-derivative edges), solved here by successive
 * over-relaxation. Log-scale parameters are drawn in log10 units; categoricals at their
 * choice index.
 */
import { baseSpec, type ChartOptions, type ChartSpec } from '../plot/spec.js';
import type { Study } from './study.js';
import type { FrozenTrial } from './trial.js';

/** Optuna's PADDING_RATIO: 5% of the observed span on each side. */
const PADDING = 0.05;

interface Axis {
  name: string;
  title: string;
  lo: number;
  hi: number;
  /** Each trial's coordinate on this axis (log10 for log ranges, index for categoricals). */
  coord: (t: FrozenTrial) => number | undefined;
  labels: string[] | null;
}

function axisOf(trials: readonly FrozenTrial[], name: string): Axis {
  const dist = trials.find((t) => t.distributions[name] !== undefined)?.distributions[name];
  if (!dist) throw new Error(`plotContour: parameter '${name}' does not occur in any completed trial.`);
  const log = dist.kind !== 'categorical' && dist.log;
  const coord = (t: FrozenTrial): number | undefined => {
    const v = t.paramsInternal[name];
    return v === undefined ? undefined : log ? Math.log10(v) : v;
  };
  const seen = trials.map(coord).filter((v): v is number => v !== undefined);
  let lo = Math.min(...seen);
  let hi = Math.max(...seen);
  if (dist.kind === 'categorical') {
    lo = 0;
    hi = dist.choices.length - 1;
  }
  const pad = (hi - lo) * PADDING;
  return {
    name,
    title: log ? `log10(${name})` : name,
    lo: lo - pad,
    hi: hi + pad,
    coord,
    labels: dist.kind === 'categorical' ? dist.choices.map(String) : null,
  };
}

/**
 * Fill a grid from a few known cells: known cells keep their value; every other cell becomes
 * the mean of its (2–4) neighbours. `known` maps `y * n + x` to a value. Returns the (n, n)
 * grid row-major by y. Solved by successive over-relaxation until no cell moves by more than
 * 1e-9 of the value range.
 *
 * ```ts
 * interpolateGrid(new Map([[0, 0], [8, 1]]), 3); // a ramp from 0 at (0, 0) to 1 at (2, 2)
 * ```
 */
export function interpolateGrid(known: ReadonlyMap<number, number>, n: number): Float64Array {
  const z = new Float64Array(n * n);
  if (known.size === 0) return z.fill(Number.NaN);
  const vals = [...known.values()];
  const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
  const tol = 1e-9 * Math.max(Math.max(...vals) - Math.min(...vals), 1e-300);
  z.fill(mean);
  for (const [i, v] of known) z[i] = v;
  const omega = 2 / (1 + Math.sin(Math.PI / n)); // the optimal SOR factor for the Laplacian on an n-grid
  for (let sweep = 0; sweep < 20 * n * n; sweep++) {
    let moved = 0;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const i = y * n + x;
        if (known.has(i)) continue;
        let s = 0;
        let c = 0;
        for (const [inside, j] of [[x > 0, i - 1], [x < n - 1, i + 1], [y > 0, i - n], [y < n - 1, i + n]] as const) {
          if (!inside) continue;
          s += z[j] as number;
          c++;
        }
        const step = omega * (s / c - (z[i] as number));
        z[i] = (z[i] as number) + step;
        moved = Math.max(moved, Math.abs(step));
      }
    }
    if (moved < tol) break;
  }
  return z;
}

/** Grid cells and trial points of one (x, y) panel. */
function panel(trials: readonly FrozenTrial[], xa: Axis, ya: Axis, n: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const pts = trials
    .map((t) => ({ t, x: xa.coord(t), y: ya.coord(t), z: t.values?.[0] }))
    .filter((p): p is { t: FrozenTrial; x: number; y: number; z: number } => p.x !== undefined && p.y !== undefined && Number.isFinite(p.z));
  const dx = (xa.hi - xa.lo) / (n - 1);
  const dy = (ya.hi - ya.lo) / (n - 1);
  const known = new Map<number, number>();
  for (const p of pts) {
    const xi = Math.round((p.x - xa.lo) / dx);
    const yi = Math.round((p.y - ya.lo) / dy);
    known.set(yi * n + xi, p.z); // a later trial in the same cell wins, as in Optuna's zmap
  }
  const z = interpolateGrid(known, n);
  const base = { xParam: xa.name, yParam: ya.name };
  for (let yi = 0; yi < n; yi++) {
    for (let xi = 0; xi < n; xi++) {
      const cx = xa.lo + xi * dx;
      const cy = ya.lo + yi * dy;
      rows.push({
        ...base,
        kind: 'grid',
        x: Math.max(xa.lo, cx - dx / 2),
        x2: Math.min(xa.hi, cx + dx / 2),
        y: Math.max(ya.lo, cy - dy / 2),
        y2: Math.min(ya.hi, cy + dy / 2),
        z: z[yi * n + xi],
      });
    }
  }
  for (const p of pts) rows.push({ ...base, kind: 'trial', x: p.x, y: p.y, value: p.z, trial: p.t.number });
  return rows;
}

/**
 * Contour plot of a single-objective study over two parameters, or a matrix of them for
 * more (default: every parameter, sorted by name, as Optuna).
 *
 * ```ts
 * const svg = await renderSvg(plotContour(study, { params: ['x', 'lr'] }));
 * ```
 */
export function plotContour(study: Study, options: ChartOptions & { params?: string[]; resolution?: number } = {}): ChartSpec {
  if (study.isMultiObjective) throw new Error('plotContour: the study has several objectives; plot one with a single-objective study.');
  const n = options.resolution ?? 40;
  if (!Number.isInteger(n) || n < 2) throw new Error(`plotContour: resolution must be an integer >= 2, got ${n}.`);
  const trials = study.getTrials(['COMPLETE']);
  if (trials.length === 0) throw new Error('plotContour: the study has no completed trial yet; run optimize first.');
  const names = [...new Set(options.params ?? trials.flatMap((t) => Object.keys(t.paramsInternal)))].sort();
  if (names.length < 2) throw new Error(`plotContour: need at least two parameters, got ${JSON.stringify(names)}.`);
  const axes = new Map(names.map((name) => [name, axisOf(trials, name)]));
  const values: Record<string, unknown>[] = [];
  const pairs = names.length === 2 ? [[names[0], names[1]]] : names.flatMap((y) => names.filter((x) => x !== y).map((x) => [x, y]));
  for (const [x, y] of pairs) values.push(...panel(trials, axes.get(x as string) as Axis, axes.get(y as string) as Axis, n));

  const single = names.length === 2;
  const xa = axes.get(names[0] as string) as Axis;
  const ya = axes.get(names[1] as string) as Axis;
  const axis = (a: Axis | null): Record<string, unknown> =>
    a?.labels ? { values: a.labels.map((_, i) => i), labelExpr: `${JSON.stringify(a.labels)}[datum.value] || ''` } : {};
  const x = { field: 'x', type: 'quantitative', title: single ? options.xLabel ?? xa.title : null, scale: { zero: false, nice: false }, axis: axis(single ? xa : null) };
  const y = { field: 'y', type: 'quantitative', title: single ? options.yLabel ?? ya.title : null, scale: { zero: false, nice: false }, axis: axis(single ? ya : null) };
  const layer = [
    {
      transform: [{ filter: "datum.kind === 'grid'" }],
      mark: { type: 'rect' },
      encoding: {
        x,
        x2: { field: 'x2' },
        y,
        y2: { field: 'y2' },
        color: { field: 'z', type: 'quantitative', title: 'objective', scale: { scheme: 'blues', reverse: study.direction === 'maximize' } },
      },
    },
    {
      transform: [{ filter: "datum.kind === 'trial'" }],
      mark: { type: 'point', filled: true, color: 'black', stroke: 'white', strokeWidth: 0.5, size: 20 },
      encoding: { x, y, tooltip: [{ field: 'trial' }, { field: 'value', title: 'objective' }] },
    },
  ];
  const head = baseSpec({ title: 'Contour plot', ...options });
  if (single) return { ...head, data: { values }, layer };
  // A matrix: one panel per ordered pair, each with its own axes (log10 / index units in the headers' parameters).
  const titles = Object.fromEntries([...axes].map(([k, a]) => [k, a.title]));
  // Facets take their size from the inner spec, not the top level.
  const { width: _w, height: _h, ...rest } = head;
  return {
    ...rest,
    data: { values },
    transform: [{ calculate: `${JSON.stringify(titles)}[datum.xParam]`, as: 'xTitle' }, { calculate: `${JSON.stringify(titles)}[datum.yParam]`, as: 'yTitle' }],
    facet: {
      row: { field: 'yTitle', type: 'nominal', title: null, sort: names.map((k) => titles[k]) },
      column: { field: 'xTitle', type: 'nominal', title: null, sort: names.map((k) => titles[k]) },
    },
    spec: { width: 160, height: 160, layer },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
