/**
 * The home page: the curriculum map by part, each lesson with its progress ("coming" for
 * lessons not written yet), a "continue" link to the last lesson opened, and search across
 * the lessons' titles, summaries, prose and code: each result opens the lesson at the section
 * with the most matches and shows its excerpt with the math rendered and the words marked.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Curriculum, CurriculumLesson, Progress, SearchHit } from '../../shared/api.js';
import { api } from '../api.js';

function progressLabel(p: Progress): string {
  if (p.completed) return 'Done';
  const parts = [`${p.cellsRun} of ${p.cells} cells run`];
  if (p.exercises > 0) parts.push(`${p.exercisesSolved} of ${p.exercises} exercises solved`);
  return parts.join(', ');
}

function fraction(p: Progress): number {
  const total = p.cells + p.exercises;
  return total === 0 ? 0 : (p.cellsRun + p.exercisesSolved) / total;
}

function LessonItem({ lesson }: { lesson: CurriculumLesson }) {
  const number = String(lesson.number).padStart(2, '0');
  if (lesson.id === null) {
    return (
      <li class="lesson-item coming">
        <span class="lesson-number" aria-hidden="true">{number}</span>
        <div class="lesson-body">
          <h3><span class="visually-hidden">Lesson {lesson.number}: </span>{lesson.title}</h3>
          <p>{lesson.summary}</p>
          <div class="lesson-meta"><span class="pill">Coming</span></div>
        </div>
      </li>
    );
  }
  const p = lesson.progress;
  const started = p !== undefined && (p.cellsRun > 0 || p.exercisesSolved > 0);
  return (
    <li class={`lesson-item${p?.completed ? ' done' : ''}`}>
      <span class="lesson-number" aria-hidden="true">{number}</span>
      <div class="lesson-body">
        <h3><a href={`/lessons/${lesson.id}`}><span class="visually-hidden">Lesson {lesson.number}: </span>{lesson.title}</a></h3>
        <p>{lesson.summary}</p>
        <div class="lesson-meta">
          <span class={`pill ${p?.completed ? 'good' : started ? 'accent' : ''}`}>
            {p?.completed ? '✓ Done' : started ? 'In progress' : `${lesson.minutes ?? '?'} min`}
          </span>
          {p !== undefined && started && !p.completed && (
            <>
              <progress max={1} value={fraction(p)} aria-label={`Progress in ${lesson.title}`} />
              <span>{progressLabel(p)}</span>
            </>
          )}
        </div>
      </div>
    </li>
  );
}

/** Lessons whose title or summary contains every word of the query. */
function matchesQuery(lesson: CurriculumLesson, words: string[]): boolean {
  const text = `${lesson.number} ${lesson.title} ${lesson.summary}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function HomePage() {
  const [curriculum, setCurriculum] = useState<Curriculum | null>(null);
  const [error, setError] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);

  useEffect(() => {
    document.title = 'Descent: machine learning from first principles';
    api.curriculum().then(setCurriculum, (e: Error) => setError(e.message));
  }, []);

  // Full-text search over the written lessons, a moment after typing stops.
  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setHits(null);
      return;
    }
    const timer = setTimeout(() => {
      api.search(q).then((r) => setHits(r.hits), () => setHits([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  const words = query.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  const lessons = useMemo(() => curriculum?.parts.flatMap((p) => p.lessons) ?? [], [curriculum]);
  const lastVisited = lessons.filter((l) => l.visitedAt !== undefined && !l.progress?.completed)
    .sort((a, b) => (b.visitedAt ?? '').localeCompare(a.visitedAt ?? ''))[0];
  const written = lessons.filter((l) => l.id !== null);
  const done = written.filter((l) => l.progress?.completed).length;

  return (
    <div class="page">
      <section class="hero">
        <h1>Machine learning from first principles</h1>
        <p class="lede">
          Read a lesson, change its code and run it in your browser, solve the exercises. Your edits and
          progress are saved on this computer.
        </p>
        {curriculum && (
          <p class="muted">
            {written.length} of {lessons.length} lessons written · {done} completed
            {lastVisited && <> · <a class="continue" href={`/lessons/${lastVisited.id}`}>Continue: {lastVisited.title} →</a></>}
          </p>
        )}
      </section>

      <div class="search" role="search">
        <label for="lesson-search">Search the lessons</label>
        <input id="lesson-search" type="search" placeholder="e.g. gradient, eigenvalues, chain rule" value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)} autocomplete="off" />
      </div>

      {error && <p class="error" role="alert">{error}</p>}
      {!curriculum && !error && <p class="muted" role="status">Loading the lessons…</p>}

      {words.length > 0 && curriculum && (
        <section class="search-results" aria-live="polite" aria-label="Search results">
          <h2>Results for “{query.trim()}”</h2>
          {hits === null ? <p class="muted">Searching…</p> : hits.length === 0 ? <p class="muted">No written lesson mentions that yet.</p> : (
            <ul class="hits">
              {hits.map((h) => (
                <li key={h.id}>
                  <a href={`/lessons/${h.id}${h.section ? `#${h.section.id}` : ''}`}>
                    {String(h.number).padStart(2, '0')} · {h.title}{h.section && <span class="hit-section"> › {h.section.title}</span>}
                  </a>
                  {/* The server's excerpt: KaTeX's HTML and <mark> around the words. */}
                  <p class="hit-excerpt" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {curriculum?.parts.map((part) => {
        const shown = words.length === 0 ? part.lessons : part.lessons.filter((l) => matchesQuery(l, words));
        if (shown.length === 0) return null;
        return (
          <section key={part.number} class="part" aria-labelledby={`part-${part.number}`}>
            <h2 id={`part-${part.number}`}><span class="part-number">Part {part.number}</span> {part.title}</h2>
            <ol class="lesson-list">
              {shown.map((l) => <LessonItem key={l.number} lesson={l} />)}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
