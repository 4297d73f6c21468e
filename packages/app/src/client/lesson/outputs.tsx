/**
 * A cell's outputs: text, tables, charts (drawn with vega-embed, loaded the first time a
 * chart comes near the screen), the error that stopped the cell, and a progress bar while it
 * runs.
 */
import type { Output } from '@descent/lessons/helpers';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RunError } from '../../worker/protocol.js';

/** Until a chart is drawn, its box keeps about the height it will have, so the page does not jump. */
function reserve(spec: unknown, drawn: boolean): { minHeight: string } | undefined {
  const height = (spec as { height?: unknown } | null)?.height;
  return !drawn && typeof height === 'number' ? { minHeight: `${height + 60}px` } : undefined;
}

function Chart({ spec, label }: { spec: unknown; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState('');
  const [near, setNear] = useState(false);
  // Drawn only when it comes near the screen: a lesson opening with a dozen pre-rendered
  // charts would otherwise draw them all before the editor can mount (measured on lesson 03:
  // interactive after 4.4 s instead of 1.7 s).
  useEffect(() => {
    const el = ref.current;
    if (el === null || typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        setNear(true);
      }
    }, { rootMargin: '1000px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (!near) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    import('vega-embed').then(async ({ default: embed }) => {
      if (cancelled || ref.current === null) return;
      // Vega's dark theme when the page is dark (the system setting), so axes and labels stay readable.
      const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
      const result = await embed(ref.current, spec as Parameters<typeof embed>[1], { actions: false, renderer: 'svg', ast: true, ...(dark ? { theme: 'dark' as const } : {}) });
      if (cancelled) result.finalize();
      else finalize = () => result.finalize();
    }).catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec, near]);
  return (
    <figure class="output chart" aria-label={label ?? 'Chart'}>
      {failed ? <pre class="error">The chart could not be drawn: {failed}</pre> : <div ref={ref} class="chart-body" style={reserve(spec, near)}><span class="muted">Drawing the chart…</span></div>}
      {label && <figcaption>{label}</figcaption>}
    </figure>
  );
}

function OutputView({ output }: { output: Output }) {
  const label = output.label ? <div class="output-label">{output.label}</div> : null;
  switch (output.kind) {
    case 'text':
      return <div class="output">{label}<pre class="output-text">{output.text}</pre></div>;
    case 'table':
      return (
        <div class="output">
          {label}
          <div class="table-scroll">
            <table>
              <thead><tr>{output.columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr></thead>
              <tbody>{output.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </div>
      );
    case 'chart':
      return <Chart spec={output.spec} label={output.label} />;
  }
}

export interface RunProgress {
  done: number;
  total: number;
  label?: string;
}

export function Outputs({ outputs, error, progress }: { outputs: Output[]; error?: RunError; progress?: RunProgress }) {
  return (
    <div class="outputs" aria-live="polite">
      {outputs.map((o, i) => <OutputView key={i} output={o} />)}
      {progress && (
        <div class="run-progress">
          <progress max={progress.total} value={progress.done} aria-label={progress.label ?? 'Progress'} />
          <span>{progress.label ? `${progress.label}: ` : ''}{progress.done} / {progress.total}</span>
        </div>
      )}
      {error && (
        <pre class="error" role="alert">{error.line !== undefined ? `Line ${error.line}: ` : ''}{error.message}</pre>
      )}
    </div>
  );
}
