/**
 * The lesson page: prose and math (rendered by the server), every cell editable and runnable
 * in the worker, exercises with Check and Reveal, a toolbar to run everything or stop, and
 * links to the previous and next lessons. `?timeLimit=<seconds>` changes the per-cell limit,
 * `?memoryLimit=<MiB>` the tensor memory the cells may hold.
 */
import { useEffect, useReducer, useState } from 'preact/hooks';
import type { LessonView } from '../../shared/api.js';
import { api, ApiError } from '../api.js';
import { CodeCell, ExerciseBlock } from '../lesson/cell.js';
import { DEFAULT_TIME_LIMIT } from '../lesson/kernel.js';
import { LessonSession } from '../lesson/session.js';
import { InterviewLinks } from '../practice/interview-links.js';
import { playgroundsFor } from '../playgrounds/catalog.js';
import { addHeadingIds } from '../../shared/toc.js';
import { NotFound } from './not-found.js';

function timeLimitFromUrl(): number {
  const t = Number(new URLSearchParams(window.location.search).get('timeLimit'));
  return Number.isFinite(t) && t > 0 ? t : DEFAULT_TIME_LIMIT;
}

/** `?memoryLimit=<MiB>`: the tensor memory the cells may hold (tests use a small one). */
function memoryLimitFromUrl(): number | undefined {
  const m = Number(new URLSearchParams(window.location.search).get('memoryLimit'));
  return Number.isFinite(m) && m > 0 ? m * 2 ** 20 : undefined;
}

function Toolbar({ session }: { session: LessonSession }) {
  const total = session.view.cells.filter((c) => c.role === 'code').length;
  const ran = session.view.cells.filter((c) => c.role === 'code' && session.cellsRun.has(c.index)).length;
  const solved = session.view.exercises.filter((e) => session.solved.has(e.id)).length;
  return (
    <div class="toolbar" role="toolbar" aria-label="Lesson">
      <button type="button" class="run" onClick={() => void session.runAll()} disabled={session.running}>▶ Run all</button>
      <button type="button" class="quiet" onClick={() => session.stop()} disabled={!session.running}>■ Stop</button>
      <span class="toolbar-status" role="status">{session.running ? 'Running…' : ''}</span>
      <span class="spacer" />
      <span class="toolbar-progress">
        {session.completedAt ? '✓ Lesson complete' : `${ran}/${total} cells run · ${solved}/${session.view.exercises.length} exercises`}
      </span>
    </div>
  );
}

function LessonBody({ view }: { view: LessonView }) {
  const [session] = useState(() => new LessonSession(view, timeLimitFromUrl(), memoryLimitFromUrl()));
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    const off = session.subscribe(() => rerender(undefined));
    const leave = () => session.flush(true);
    window.addEventListener('pagehide', leave);
    void api.visit(view.id).catch(() => {});
    return () => {
      off();
      window.removeEventListener('pagehide', leave);
      session.dispose();
    };
  }, [session]);

  // Arriving at #section (a search result, a link to a heading): the prose has just rendered.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id !== '') document.getElementById(id)?.scrollIntoView();
  }, []);

  // Heading ids and the table of contents, computed once per lesson.
  const [contents] = useState(() => {
    const prose = view.blocks.flatMap((b) => (b.kind === 'prose' ? [b.html] : []));
    const { html, toc } = addHeadingIds(prose);
    const byBlock = new Map<number, string>();
    let k = 0;
    view.blocks.forEach((b, i) => { if (b.kind === 'prose') byBlock.set(i, html[k++]!); });
    return { byBlock, toc };
  });
  const exerciseAt = new Map(view.exercises.map((e) => [e.starter, e]));
  const inExercise = new Set(view.exercises.flatMap((e) => [e.solution, e.test]));
  const prerequisites = view.prerequisites;
  const playgrounds = playgroundsFor(view.id);
  return (
    <article class="lesson">
      <header class="lesson-header">
        <p class="eyebrow">Part {view.part}{view.partTitle ? ` · ${view.partTitle}` : ''} · Lesson {view.number} · {view.minutes} min</p>
        <h1>{view.title}</h1>
        {playgrounds.length > 0 && (
          <p class="meta related">Try it in a playground: {playgrounds.map((p, i) => <>{i > 0 && ', '}<a href={`/play/${p.name}`}>{p.title}</a></>)}</p>
        )}
        {prerequisites.length > 0 && (
          <p class="meta">Before this: {prerequisites.map((p, i) => <>{i > 0 && ', '}<a href={`/lessons/${p}`}>{p}</a></>)}</p>
        )}
        {view.problems.length > 0 && (
          <div class="notice warn"><strong>This lesson file has format problems:</strong><ul>{view.problems.map((p) => <li key={p}>{p}</li>)}</ul></div>
        )}
        <p class="hint">Every cell runs in your browser. Edit any of them; <kbd>Shift</kbd>+<kbd>Enter</kbd> runs the cell you are in, and your changes are saved as you type.</p>
      </header>
      {contents.toc.length >= 2 && (
        <nav class="toc" aria-label="On this page">
          <details open>
            <summary>On this page</summary>
            <ol>
              {contents.toc.map((t) => (
                <li key={t.id} class={`toc-${t.level}`}><a href={`#${t.id}`} dangerouslySetInnerHTML={{ __html: t.html }} /></li>
              ))}
            </ol>
          </details>
        </nav>
      )}
      <Toolbar session={session} />
      {session.notice && <p class="notice" role="alert">{session.notice}</p>}
      {view.blocks.map((block, i) => {
        if (block.kind === 'prose') return <div key={`p${i}`} class="prose" dangerouslySetInnerHTML={{ __html: contents.byBlock.get(i) ?? block.html }} />;
        const exercise = exerciseAt.get(block.index);
        if (exercise) return <ExerciseBlock key={`e${exercise.id}`} session={session} exercise={exercise} />;
        if (inExercise.has(block.index)) return null;
        return <CodeCell key={`c${block.index}`} session={session} index={block.index} />;
      })}
      <InterviewLinks lessonId={view.id} />
      <nav class="lesson-nav" aria-label="Lessons">
        {view.previous ? <a href={`/lessons/${view.previous.id}`} rel="prev">← {view.previous.title}</a> : <span />}
        {view.next ? <a href={`/lessons/${view.next.id}`} rel="next">{view.next.title} →</a> : <a href="/">All lessons</a>}
      </nav>
    </article>
  );
}

export function LessonPage({ id }: { id: string }) {
  const [view, setView] = useState<LessonView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    document.title = 'Loading… · Descent';
    api.lesson(id).then((v) => {
      document.title = `${v.title} · Descent`;
      setView(v);
    }, (e: ApiError) => setError(e));
  }, [id]);
  if (error) return error.status === 404 ? <NotFound message={error.message} /> : <div class="page narrow"><p class="error" role="alert">{error.message}</p></div>;
  if (!view) return <div class="page narrow"><p class="muted" role="status">Loading the lesson…</p></div>;
  return <LessonBody view={view} />;
}
