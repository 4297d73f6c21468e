/**
 * A code cell and an exercise on the lesson page. The code shows highlighted at once; the
 * CodeMirror editor replaces it when the cell comes near the screen (the editor's chunk loads
 * the first time). Before the cell runs, its outputs from the build's run (or the learner's
 * last run) show under a line that says which.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExerciseView } from '../../shared/api.js';
import type { CellEditor } from './editor.js';
import { Outputs } from './outputs.js';
import type { CellRun, LessonSession, SaveStatus } from './session.js';

let editorModule: Promise<typeof import('./editor.js')> | undefined;
const loadEditor = () => (editorModule ??= import('./editor.js'));

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The editor for cell `index`: static code first, CodeMirror once the cell is near the viewport. */
function EditorHost({ session, index, label, onRun }: { session: LessonSession; index: number; label: string; onRun(): void }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CellEditor | null>(null);
  const [mounted, setMounted] = useState(false);
  const cell = session.cell(index);
  const code = session.code.get(index)!;
  const version = session.external.get(index) ?? 0;
  const runRef = useRef(onRun);
  runRef.current = onRun;

  useEffect(() => {
    const el = host.current!;
    let cancelled = false;
    const mount = () => {
      loadEditor().then(({ createEditor }) => {
        if (cancelled) return;
        el.replaceChildren();
        editor.current = createEditor({
          parent: el,
          code: session.code.get(index)!,
          label,
          onChange: (c) => session.setCode(index, c),
          onRun: () => runRef.current(),
          onSave: () => void session.save(index),
          codeAbove: () => session.codeAbove(index),
        });
        setMounted(true);
      }).catch(() => {});
    };
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        mount();
      }
    }, { rootMargin: '600px 0px' });
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
      editor.current?.destroy();
      editor.current = null;
    };
  }, [index]);

  // Code replaced from outside the editor (reset, "use the solution").
  useEffect(() => {
    if (version > 0) editor.current?.setCode(session.code.get(index)!);
  }, [version]);

  // Before the editor mounts: the lesson's highlighted code, or the learner's version as text.
  const html = code === cell.code ? cell.html : escape(code);
  return (
    <div class={`editor${mounted ? ' mounted' : ''}`} data-cell={index}>
      <div ref={host} class="editor-host"><pre class="code-static"><code dangerouslySetInnerHTML={{ __html: html }} /></pre></div>
    </div>
  );
}

function SaveBadge({ session, index }: { session: LessonSession; index: number }) {
  const status: SaveStatus | undefined = session.saves.get(index);
  const edited = session.isEdited(index);
  if (status === 'error') return <span class="save-status bad" role="alert">Not saved: {session.saveErrors.get(index)}</span>;
  if (status === 'pending' || status === 'saving') return <span class="save-status">Saving…</span>;
  if (session.stale.has(index)) return <span class="save-status warn">The lesson changed this cell since your edit</span>;
  if (edited) return <span class="save-status">Your version{status === 'saved' ? ' · saved' : ''}</span>;
  return null;
}

function ResetButton({ session, index }: { session: LessonSession; index: number }) {
  if (!session.isEdited(index) && !session.stale.has(index)) return null;
  return (
    <button type="button" class="quiet" onClick={() => {
      if (window.confirm('Replace your version of this cell with the lesson\'s original code?')) void session.reset(index);
    }} aria-label={`Reset cell ${index} to the original code`}>Reset</button>
  );
}

function seconds(ms?: number): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** An earlier cell failed while running first; point at it. */
function Blocked({ by, what }: { by: number; what: string }) {
  return (
    <p class="error blocked" role="alert">
      Not run: <a href={`#cell-${by}`}>cell {by}</a> above ran first and failed. Fix it, then run {what} again.
    </p>
  );
}

function when(iso?: string): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : ` on ${d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
}

/** Says where outputs shown before a run come from: the build's run, or the learner's last one. */
function EarlierOutputs({ from, code, edited }: { from: NonNullable<CellRun['from']>; code: string; edited: boolean }) {
  if (from.kind === 'prerendered') {
    return <p class="outputs-origin" title="Computed by the build step's run of this lesson (descent lesson run), not by your browser">
      Pre-rendered output {edited ? 'of the lesson\'s original code ' : ''}from the lesson's build{when(from.at)}. Run the cell to compute it yourself.
    </p>;
  }
  return <p class="outputs-origin">
    Your last run{when(from.at)}{from.code !== undefined && from.code !== code ? ', of an earlier version of this code' : ''}. Run the cell to update it.
  </p>;
}

export function CodeCell({ session, index }: { session: LessonSession; index: number }) {
  const cell = session.cell(index);
  const run = session.run(index);
  const busy = run.status === 'running' || run.status === 'queued';
  const runIt = () => void session.runCell(index);
  return (
    <section class={`cell ${run.status}${run.from && run.status === 'idle' ? ` from-${run.from.kind}` : ''}`} id={`cell-${index}`} aria-label={`Cell ${index}`}>
      <div class="cell-bar">
        {busy ? (
          <button type="button" class="run stop" onClick={() => session.stop()} aria-label={`Stop cell ${index}`}>■ Stop</button>
        ) : (
          <button type="button" class="run" onClick={runIt} aria-label={`Run cell ${index}`} title="Run (Shift+Enter)">▶ Run</button>
        )}
        <span class="cell-number">[{index}]</span>
        <span class="cell-status" role="status">
          {run.status === 'queued' && 'Waiting…'}
          {run.status === 'running' && 'Running…'}
          {run.status === 'done' && `✓ ${seconds(run.ms)}`}
          {run.status === 'error' && '✗ Error'}
        </span>
        <span class="spacer" />
        <SaveBadge session={session} index={index} />
        <ResetButton session={session} index={index} />
      </div>
      <EditorHost session={session} index={index} label={`Code of cell ${index}`} onRun={runIt} />
      {run.blockedBy !== undefined && <Blocked by={run.blockedBy} what="this cell" />}
      {run.from && run.status === 'idle' && (run.outputs.length > 0 || run.error) && <EarlierOutputs from={run.from} code={session.code.get(index)!} edited={session.isEdited(index)} />}
      <Outputs outputs={run.outputs} error={run.error} progress={run.status === 'running' ? run.progress : undefined} />
      {cell.noteHtml && (
        <aside class="note"><div class="note-title">Notice</div><div dangerouslySetInnerHTML={{ __html: cell.noteHtml }} /></aside>
      )}
    </section>
  );
}

export function ExerciseBlock({ session, exercise }: { session: LessonSession; exercise: ExerciseView }) {
  const check = session.check(exercise.id);
  const solved = session.solved.has(exercise.id);
  const revealed = session.revealed.has(exercise.id);
  const busy = check.status === 'running' || check.status === 'queued';
  const starter = session.cell(exercise.starter);
  const solution = session.cell(exercise.solution);
  const test = session.cell(exercise.test);
  const runCheck = () => void session.checkExercise(exercise);
  const failed = check.tests.filter((t) => !t.passed).length;
  return (
    <section class={`exercise${solved ? ' solved' : ''}`} id={`exercise-${exercise.id}`} aria-label={`Exercise ${exercise.id}`}>
      <div class="exercise-head">
        <span class="badge">Exercise</span>
        <strong>{exercise.id}</strong>
        <span class="spacer" />
        <span class={`exercise-status ${solved ? 'good' : ''}`} role="status">{solved ? '✓ Solved' : 'Not solved yet'}</span>
      </div>
      <EditorHost session={session} index={exercise.starter} label={`Your code for exercise ${exercise.id}`} onRun={runCheck} />
      <div class="exercise-actions">
        {busy ? (
          <button type="button" class="run stop" onClick={() => session.stop()} aria-label={`Stop the check of exercise ${exercise.id}`}>■ Stop</button>
        ) : (
          <button type="button" class="run" onClick={runCheck} title="Check (Shift+Enter in the editor)" aria-label={`Check exercise ${exercise.id}`}>✓ Check</button>
        )}
        <button type="button" class="quiet" aria-expanded={revealed} onClick={() => session.reveal(exercise.id)}
          aria-label={`${revealed ? 'Hide' : 'Reveal'} the solution of exercise ${exercise.id}`}>
          {revealed ? 'Hide solution' : 'Reveal solution'}
        </button>
        <span class="spacer" />
        <SaveBadge session={session} index={exercise.starter} />
        <ResetButton session={session} index={exercise.starter} />
      </div>
      {check.status === 'running' && <p class="muted check-line" role="status">Checking…</p>}
      {check.status === 'done' && (
        <div class={`check-result ${check.passed ? 'pass' : 'fail'}`} role="status">
          <p class="check-line">
            {check.passed
              ? `✓ All ${check.tests.length === 0 ? 'checks' : `${check.tests.length} test${check.tests.length === 1 ? '' : 's'}`} passed.`
              : check.error && !check.error.inTest ? '✗ Your code threw an error before the tests could run.'
                : `✗ ${failed > 0 ? `${failed} of ${check.tests.length} test${check.tests.length === 1 ? '' : 's'} failed` : 'A check failed'}.`}
          </p>
          {check.tests.length > 0 && (
            <ul class="tests">
              {check.tests.map((t, i) => (
                <li key={i} class={t.passed ? 'pass' : 'fail'}>
                  <span class="visually-hidden">{t.passed ? 'Passed: ' : 'Failed: '}</span>{t.name}{t.error && <span class="why"> — {t.error}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {check.blockedBy !== undefined && <Blocked by={check.blockedBy} what="the check" />}
      {(check.outputs.length > 0 || check.error) && <Outputs outputs={check.outputs} error={check.error} />}
      {starter.noteHtml && <aside class="note"><div class="note-title">Hint</div><div dangerouslySetInnerHTML={{ __html: starter.noteHtml }} /></aside>}
      {revealed && (
        <div class="solution">
          <div class="solution-head">
            <span>Solution</span>
            <button type="button" class="quiet" onClick={() => session.replaceCode(exercise.starter, solution.code, true)}>Copy into the editor</button>
          </div>
          <pre class="code-plain"><code dangerouslySetInnerHTML={{ __html: solution.html }} /></pre>
          {solution.noteHtml && <aside class="note"><div class="note-title">Why</div><div dangerouslySetInnerHTML={{ __html: solution.noteHtml }} /></aside>}
        </div>
      )}
      <details class="tests-code">
        <summary>The tests</summary>
        <pre class="code-plain"><code dangerouslySetInnerHTML={{ __html: test.html }} /></pre>
      </details>
    </section>
  );
}
