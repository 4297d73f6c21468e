/**
 * `/runs`: the learner's experiment runs, which `descent/track` stored in this app's database
 * (uploaded by their lesson cells, or written by a script in the one-person mode) — a table of
 * runs (parameters and last metric values), the chosen metric's curves over steps for the
 * selected runs, parallel coordinates of parameters against that metric, and the model
 * registry, the selected runs' artifacts, and a Delete button per run that asks before it
 * deletes. Charts are Vega-Lite, drawn by vega-embed (loaded on first use).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ModelVersionsView, RunsView } from '../../shared/api.js';
import { api } from '../api.js';
import { RunArtifacts } from './run-artifacts.js';

/** Why a run a lesson cell made ended FAILED when the cell was stopped (the kernel's `descent.stopped` tag). */
const STOPPED: Record<string, string> = { stopped: 'cell stopped', timeout: 'cell timed out', crashed: 'cell ran out of memory' };

function VegaChart({ spec, label }: { spec: object; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    import('vega-embed').then(async ({ default: embed }) => {
      if (cancelled || ref.current === null) return;
      const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
      const result = await embed(ref.current, spec as Parameters<typeof embed>[1], { actions: false, renderer: 'svg', ast: true, ...(dark ? { theme: 'dark' as const } : {}) });
      if (cancelled) result.finalize();
      else finalize = () => result.finalize();
    }).catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  return (
    <figure class="output chart" role="img" aria-label={label}>
      {failed ? <pre class="error">The chart could not be drawn: {failed}</pre> : <div ref={ref} class="chart-body" />}
      <figcaption>{label}</figcaption>
    </figure>
  );
}

const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)))) : v === null || v === undefined ? '' : String(v));

/** Parallel coordinates: each numeric parameter and the metric on its own axis, scaled to [0, 1]; one line per run. */
function parallelSpec(runs: RunsView['runs'], params: string[], metric: string): object {
  const rows = runs.map((r) => ({ run: r.name, ...Object.fromEntries(params.map((p) => [p, r.params[p]])), [metric]: r.metrics[metric] }));
  const dims = [...params, metric];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 600,
    height: 260,
    data: { values: rows },
    transform: [
      { window: [{ op: 'count', as: 'index' }] },
      { fold: dims },
      { filter: 'isValid(datum.value)' },
      { joinaggregate: [{ op: 'min', field: 'value', as: 'min' }, { op: 'max', field: 'value', as: 'max' }], groupby: ['key'] },
      { calculate: 'datum.max === datum.min ? 0.5 : (datum.value - datum.min) / (datum.max - datum.min)', as: 'scaled' },
    ],
    mark: { type: 'line', point: true, opacity: 0.8 },
    encoding: {
      x: { field: 'key', type: 'nominal', sort: dims, title: null },
      y: { field: 'scaled', type: 'quantitative', title: 'scaled to [0, 1] per axis' },
      color: { field: 'run', type: 'nominal' },
      detail: { field: 'index', type: 'nominal' },
      tooltip: [{ field: 'run' }, { field: 'key' }, { field: 'value', type: 'quantitative' }],
    },
  };
}

export function RunsPage() {
  const [view, setView] = useState<RunsView | null>(null);
  const [models, setModels] = useState<ModelVersionsView | null>(null);
  const [error, setError] = useState('');
  const [metric, setMetric] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /** The run whose Delete was pressed, waiting for the learner to confirm. */
  const [deleting, setDeleting] = useState<RunsView['runs'][number] | null>(null);
  const [curves, setCurves] = useState<{ run: string; step: number; value: number | null }[] | null>(null);

  // An instructor opens a learner's runs from the Class page: /runs?learner=<id>.
  const learnerParam = new URLSearchParams(location.search).get('learner');
  const learner = learnerParam === null ? undefined : Number(learnerParam);
  const load = (experiment?: string) => {
    api.runs(experiment, learner).then((v) => {
      setView(v);
      setSelected(new Set(v.runs.slice(0, 10).map((r) => r.runId)));
      const keys = [...new Set(v.runs.flatMap((r) => Object.keys(r.metrics)))];
      setMetric((m) => (keys.includes(m) ? m : keys[0] ?? ''));
    }, (e: Error) => setError(e.message));
  };
  const loadModels = () => api.models(learner).then(setModels, (e: Error) => setError(e.message));
  useEffect(() => {
    document.title = 'Runs · Descent';
    load();
    void loadModels();
  }, []);
  const remove = (runId: string) => {
    api.deleteRun(runId).then(() => {
      setDeleting(null);
      // The experiment's last run gone, the page moves to the first experiment left.
      load(view !== null && view.runs.length > 1 ? view.experiment ?? undefined : undefined);
      void loadModels();
    }, (e: Error) => setError(e.message));
  };

  useEffect(() => {
    if (view === null || metric === '') return;
    const runs = view.runs.filter((r) => selected.has(r.runId));
    let cancelled = false;
    Promise.all(runs.map((r) => api.runMetrics(r.runId, metric, learner).then((m) => m.points.map((p) => ({ run: r.name, step: p.step, value: p.value })))))
      .then((all) => { if (!cancelled) setCurves(all.flat()); }, (e: Error) => setError(e.message));
    return () => { cancelled = true; };
  }, [view, metric, selected]);

  if (error) return <div class="page"><h1>Runs</h1><p class="error" role="alert">{error}</p></div>;
  if (view === null) return <div class="page"><h1>Runs</h1><p class="muted">Loading…</p></div>;
  const metricKeys = [...new Set(view.runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const paramKeys = [...new Set(view.runs.flatMap((r) => Object.keys(r.params)))];
  const numericParams = paramKeys.filter((k) => view.runs.some((r) => typeof r.params[k] === 'number'));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const own = view.owner === undefined;
  return (
    <div class="page wide">
      <h1>Runs</h1>
      {view.owner !== undefined && <p class="notice">You are reading <strong>{view.owner}</strong>'s runs.</p>}
      <p class="lede">Your experiment runs, tracked with <code>descent/track</code>: from your lesson cells, and kept in this app's database.</p>
      {view.experiments.length === 0 ? (
        <div class="empty-runs">
          <p>No runs yet. A run appears here when a lesson cell makes one with <code>descent/track</code>: run a cell with
            {' '}<code>const tracker = new Tracker(); tracker.startRun({'{'} params: {'{'} lr: 0.1 {'}'} {'}'})</code>, and its runs are saved
            for you when the cell finishes (<a href="/lessons/44-mlops">lesson 44</a> logs several).</p>
          <p class="muted">Only you see your runs. Running Descent for yourself, a Node script can also log here:
            {' '}<code>new Tracker({'{'} store: new SQLiteTrackStore('~/.descent/descent.db') {'}'})</code> (or your <code>--db</code> file).</p>
        </div>
      ) : (
        <>
          <p>
            <label>Experiment{' '}
              <select value={view.experiment ?? ''} onChange={(e) => load((e.target as HTMLSelectElement).value)}>
                {view.experiments.map((x) => <option key={x} value={x}>{x}</option>)}
              </select>
            </label>{' '}
            <label>Metric{' '}
              <select aria-label="Metric" value={metric} onChange={(e) => setMetric((e.target as HTMLSelectElement).value)}>
                {metricKeys.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </label>
          </p>
          <div class="outputs" style={{ overflowX: 'auto' }}>
            <table aria-label="Runs">
              <thead>
                <tr><th>show</th><th>run</th><th>status</th>{paramKeys.map((k) => <th key={`p-${k}`}>{k}</th>)}{metricKeys.map((k) => <th key={`m-${k}`}>{k}</th>)}{own && <th />}</tr>
              </thead>
              <tbody>
                {view.runs.map((r) => (
                  <tr key={r.runId} data-run={r.runId}>
                    <td><input type="checkbox" aria-label={`show ${r.name}`} checked={selected.has(r.runId)} onChange={() => toggle(r.runId)} /></td>
                    <td>{r.name}</td>
                    <td>{r.status}{r.tags['descent.stopped'] === undefined ? '' : ` (${STOPPED[r.tags['descent.stopped']] ?? r.tags['descent.stopped']})`}</td>
                    {paramKeys.map((k) => <td key={`p-${k}`}>{fmt(r.params[k])}</td>)}
                    {metricKeys.map((k) => <td key={`m-${k}`}>{fmt(r.metrics[k])}</td>)}
                    {own && <td><button type="button" class="quiet" aria-label={`delete ${r.name}`} onClick={() => setDeleting(r)}>Delete</button></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deleting !== null && (
            <div class="notice" role="group" aria-label="Confirm deletion">
              <p>Delete the run <strong>{deleting.name}</strong> with its parameters, metrics, tags and artifacts? This cannot be undone.
                {' '}Model versions registered from it stay in the registry, without the link to the run.</p>
              <button type="button" class="run stop" onClick={() => remove(deleting.runId)}>Delete run</button>{' '}
              <button type="button" class="quiet" onClick={() => setDeleting(null)}>Keep it</button>
            </div>
          )}
          {metric !== '' && curves !== null && (
            <VegaChart label={`${metric} over steps`} spec={{
              $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
              width: 600, height: 260,
              data: { values: curves.filter((c) => c.value !== null) },
              mark: { type: 'line', point: true },
              encoding: {
                x: { field: 'step', type: 'quantitative', axis: { format: 'd', tickMinStep: 1 } },   // steps are whole numbers
                y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } },
                color: { field: 'run', type: 'nominal' },
              },
            }} />
          )}
          {metric !== '' && numericParams.length > 0 && (
            <VegaChart label={`Parameters and ${metric}, parallel coordinates`} spec={parallelSpec(view.runs.filter((r) => selected.has(r.runId)), numericParams, metric)} />
          )}
          <h2>Artifacts</h2>
          <RunArtifacts runs={view.runs.filter((r) => selected.has(r.runId))} learner={learner} />
        </>
      )}
      <h2>Model registry</h2>
      {models === null || models.versions.length === 0 ? <p class="muted">No registered models.</p> : (
        <div class="outputs">
          <table aria-label="Model versions">
            <thead><tr><th>model</th><th>version</th><th>stage</th><th>run</th><th>data hash</th><th>description</th></tr></thead>
            <tbody>
              {models.versions.map((v) => (
                <tr key={`${v.name}-${v.version}`}>
                  <td>{v.name}</td><td>{v.version}</td><td>{v.stage}</td>
                  <td>{view.runs.find((r) => r.runId === v.runId)?.name ?? v.runId?.slice(0, 8) ?? ''}</td>
                  <td><code>{v.dataHash ?? ''}</code></td><td>{v.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
