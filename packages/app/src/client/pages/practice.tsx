/**
 * The Practice page: interview questions from the bank, scheduled with spaced repetition.
 * Review (daily, by topic/lesson/difficulty, interview on a date, cram) shows a question,
 * reveals the model answer, and takes a rating; the next card appears only after the server
 * has committed the rating. Mock interview: a timed mixed set with written answers, coding
 * questions run against their tests in the cell worker, then the model answer to grade against.
 */
import '../practice/practice.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CardView, PracticeMode, PracticeSummary } from '../../shared/practice.js';
import type { ApiError } from '../api.js';
import type { Kernel } from '../lesson/kernel.js';
import { practiceApi, type QueueFilter } from '../practice/api.js';
import { ModelAnswer, QuestionMeta } from '../practice/answer.js';
import { Bars, Columns } from '../practice/charts.js';

const RATINGS = [['Again', 1], ['Hard', 2], ['Good', 3], ['Easy', 4]] as const;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const typing = (e: KeyboardEvent) => e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);

function Stats({ summary }: { summary: PracticeSummary }) {
  const s = summary.stats;
  const topics = summary.topics;
  return (
    <section aria-label="Your practice">
      <div class="practice-stats">
        <div class="stat"><strong data-stat="due">{s.due}</strong><span>due now</span></div>
        <div class="stat"><strong data-stat="reviewed-today">{s.reviewedToday}</strong><span>reviewed today</span></div>
        <div class="stat"><strong data-stat="streak">{s.streak}</strong><span>day streak</span></div>
        <div class="stat"><strong data-stat="retention">{s.retention === null ? '–' : pct(s.retention)}</strong><span>retention (30 days)</span></div>
        <div class="stat"><strong data-stat="seen">{s.seen}/{s.total}</strong><span>questions seen</span></div>
      </div>
      <details>
        <summary>Mastery by topic and the next 30 days</summary>
        <h3>Mastery by topic</h3>
        <p class="muted">The average chance of recalling each topic's answers today (questions not yet seen count as 0).</p>
        <Bars label="Mastery by topic" values={topics.map((t) => s.mastery[t.id] ?? 0)} labels={topics.map((t) => `${t.title} (${t.count})`)} max={1} format={pct} />
        <h3>Reviews due in the next 30 days</h3>
        <Columns label="Reviews due per day for the next 30 days" values={s.forecast} />
      </details>
    </section>
  );
}

function Settings({ summary, onSaved }: { summary: PracticeSummary; onSaved: () => void }) {
  const [perDay, setPerDay] = useState(String(summary.settings.newPerDay));
  const [date, setDate] = useState(summary.settings.interviewDate ?? '');
  const [message, setMessage] = useState('');
  const save = async () => {
    try {
      await practiceApi.saveSettings({ newPerDay: Number(perDay), interviewDate: date });
      setMessage('Saved.');
      onSaved();
    } catch (e) {
      setMessage((e as ApiError).message);
    }
  };
  return (
    <div class="practice-controls" role="group" aria-label="Settings">
      <label>New cards a day<input type="number" min={0} max={1000} value={perDay} onInput={(e) => setPerDay(e.currentTarget.value)} /></label>
      <label>Interview date<input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} /></label>
      <button type="button" onClick={() => void save()}>Save settings</button>
      <span role="status" class="muted">{message}</span>
    </div>
  );
}

function Review({ summary, onRated }: { summary: PracticeSummary; onRated: () => void }) {
  // `/practice?lesson=03` (from a lesson page) starts with that lesson's questions.
  const [filter, setFilter] = useState<QueueFilter>(() => {
    const lesson = new URLSearchParams(window.location.search).get('lesson');
    return lesson && /^\d{1,2}$/.test(lesson) ? { mode: 'review', lesson: String(Number(lesson)) } : { mode: 'review' };
  });
  const [cards, setCards] = useState<CardView[] | null>(null);
  const [index, setIndex] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const shownAt = useRef(Date.now());
  const article = useRef<HTMLElement>(null);
  const card = cards?.[index];
  // Each new card takes the focus, so Space and 1–4 act on it (not on the button just pressed).
  useEffect(() => article.current?.focus({ preventScroll: true }), [card?.id, index]);

  const start = async () => {
    setError('');
    try {
      setCards((await practiceApi.queue(filter)).cards);
      setIndex(0);
      setRevealed(false);
      shownAt.current = Date.now();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  const rate = async (rating: number) => {
    if (!card || saving) return;
    setSaving(true);
    setError('');
    try {
      // The next card shows only once this rating is committed on the server.
      await practiceApi.rate(card.id, rating, filter.mode === 'cram' ? 'cram' : 'review', { durationMs: Date.now() - shownAt.current });
      setIndex((i) => i + 1);
      setRevealed(false);
      shownAt.current = Date.now();
      onRated();
    } catch (e) {
      setError(`Your rating was not saved: ${(e as ApiError).message} Try again.`);
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || !card || e.ctrlKey || e.metaKey || e.altKey) return;
      if ((e.key === ' ' || e.key === 'Enter') && !revealed && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        setRevealed(true);
      } else if (revealed && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        void rate(Number(e.key));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const set = (patch: Partial<QueueFilter>) => setFilter((f) => ({ ...f, ...patch }));
  return (
    <section aria-label="Review">
      <div class="practice-controls" role="group" aria-label="What to practise">
        <label>Mode
          <select aria-label="Mode" value={filter.mode} onChange={(e) => set({ mode: e.currentTarget.value as PracticeMode })}>
            <option value="review">Daily review</option>
            <option value="interview">Interview on my date</option>
            <option value="cram">Cram (ignore the schedule)</option>
          </select>
        </label>
        <label>Topic
          <select aria-label="Topic" value={filter.topic ?? ''} onChange={(e) => set({ topic: e.currentTarget.value })}>
            <option value="">All topics</option>
            {summary.topics.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </label>
        <label>Lesson
          <select aria-label="Lesson" value={filter.lesson ?? ''} onChange={(e) => set({ lesson: e.currentTarget.value })}>
            <option value="">All lessons</option>
            {summary.lessons.map((n) => <option key={n} value={String(n)}>Lesson {String(n).padStart(2, '0')}</option>)}
          </select>
        </label>
        <label>Difficulty
          <select aria-label="Difficulty" value={filter.difficulty ?? ''} onChange={(e) => set({ difficulty: e.currentTarget.value })}>
            <option value="">Any</option><option value="easy">Easy</option><option value="medium">Medium</option><option value="hard">Hard</option>
          </select>
        </label>
        <button type="button" class="run" onClick={() => void start()}>Start</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {cards && !card && <p class="notice" role="status">{cards.length === 0 ? 'Nothing to review with these settings. Try cram mode, or come back tomorrow.' : `Session complete: ${cards.length} cards reviewed.`}</p>}
      {card && (
        <article class="practice-card" aria-label="Question" tabIndex={-1} ref={article}>
          <p class="muted">Card {index + 1} of {cards!.length}{card.state === 0 ? ' · new' : ` · recall ${pct(card.recall)}`}</p>
          <QuestionMeta q={card} />
          <div class="question" dangerouslySetInnerHTML={{ __html: card.questionHtml }} />
          {card.code && <pre class="starter-code"><code>{card.code.starter}</code></pre>}
          {!revealed
            ? <div class="rating-buttons"><button type="button" class="run" onClick={() => setRevealed(true)}>Show answer <kbd>Space</kbd></button></div>
            : (
              <>
                <ModelAnswer q={card} />
                <div class="rating-buttons" role="group" aria-label="How well did you know it?">
                  {RATINGS.map(([name, n]) => <button key={n} type="button" disabled={saving} onClick={() => void rate(n)}>{name} <kbd>{n}</kbd></button>)}
                  <span role="status" class="muted">{saving ? 'Saving…' : ''}</span>
                </div>
              </>
            )}
        </article>
      )}
    </section>
  );
}

function Mock() {
  const [count, setCount] = useState(5);
  const [cards, setCards] = useState<CardView[] | null>(null);
  const [index, setIndex] = useState(0);
  const [answer, setAnswer] = useState('');
  const [revealed, setRevealed] = useState(false);
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [tests, setTests] = useState<{ name: string; passed: boolean; error?: string }[] | null>(null);
  const [runError, setRunError] = useState('');
  const [error, setError] = useState('');
  const kernel = useRef<Kernel | null>(null);
  const started = useRef(Date.now());
  const card = cards?.[index];

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(t);
      kernel.current?.dispose();
    };
  }, []);

  const begin = async () => {
    setError('');
    try {
      const set = (await practiceApi.mock(count)).cards;
      setCards(set);
      setIndex(0);
      setAnswer(set[0]?.code?.starter ?? '');
      setRevealed(false);
      setTests(null);
      // Five minutes a question, as a typical screening round paces them.
      setDeadline(Date.now() + set.length * 5 * 60 * 1000);
      started.current = Date.now();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  const runTests = async () => {
    if (!card?.code) return;
    setRunError('');
    setTests(null);
    if (!kernel.current) kernel.current = new (await import('../lesson/kernel.js')).Kernel();
    const outcome = await kernel.current.run(answer, `mock/${card.id}`, { test: card.code.test, label: 'Your code' });
    setTests(outcome.tests ?? []);
    if (outcome.error) setRunError(outcome.error.message);
  };

  const grade = async (rating: number) => {
    if (!card) return;
    try {
      await practiceApi.rate(card.id, rating, 'mock', { answer, durationMs: Date.now() - started.current });
      const next = index + 1;
      setIndex(next);
      setAnswer(cards![next]?.code?.starter ?? '');
      setRevealed(false);
      setTests(null);
      setRunError('');
      started.current = Date.now();
    } catch (e) {
      setError(`Your grade was not saved: ${(e as ApiError).message}`);
    }
  };

  const left = Math.max(0, Math.round((deadline - now) / 1000));
  return (
    <section aria-label="Mock interview">
      <div class="practice-controls">
        <label>Questions<select aria-label="Questions" value={String(count)} onChange={(e) => setCount(Number(e.currentTarget.value))}>{[3, 5, 8].map((n) => <option key={n} value={n}>{n}</option>)}</select></label>
        <button type="button" class="run" onClick={() => void begin()}>Start a mock interview</button>
        {cards && card && <span class={`timer${left === 0 ? ' error' : ''}`} role="timer" aria-label="Time left">{Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}</span>}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {cards && !card && <p class="notice" role="status">Mock interview finished: {cards.length} questions answered. Your answers are saved with your grades.</p>}
      {card && (
        <article class="practice-card" aria-label="Mock question">
          <p class="muted">Question {index + 1} of {cards!.length}</p>
          <QuestionMeta q={card} />
          <div class="question" dangerouslySetInnerHTML={{ __html: card.questionHtml }} />
          {card.code
            ? (
              <>
                <label class="visually-hidden" for="mock-code">Your code</label>
                <textarea id="mock-code" class="mock-code" spellcheck={false} value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} />
                <div class="rating-buttons"><button type="button" onClick={() => void runTests()}>Run the tests</button></div>
                {runError && <pre class="error">{runError}</pre>}
                {tests && <ul class="test-results" aria-label="Test results">{tests.length === 0 && !runError ? <li>No tests ran.</li> : tests.map((t) => <li key={t.name} class={t.passed ? 'pass' : 'fail'}>{t.passed ? '✓' : '✗'} {t.name}{t.error ? `: ${t.error}` : ''}</li>)}</ul>}
              </>
            )
            : (
              <>
                <label for="mock-answer">Your answer</label>
                <textarea id="mock-answer" class="mock-answer" value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} placeholder="Answer as you would out loud: the short version first, then the depth." />
              </>
            )}
          {!revealed
            ? <div class="rating-buttons"><button type="button" class="run" onClick={() => setRevealed(true)}>Submit and show the model answer</button></div>
            : (
              <>
                <ModelAnswer q={card} />
                <div class="rating-buttons" role="group" aria-label="Grade your answer against the model answer">
                  {RATINGS.map(([name, n]) => <button key={n} type="button" onClick={() => void grade(n)}>{name}</button>)}
                </div>
              </>
            )}
        </article>
      )}
    </section>
  );
}

function DataTools({ onImported }: { onImported: () => void }) {
  const [message, setMessage] = useState('');
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await practiceApi.importProgress(JSON.parse(await file.text()));
      setMessage(`Imported ${r.imported.cards} cards and ${r.imported.reviews} reviews.`);
      onImported();
    } catch (e) {
      setMessage(e instanceof SyntaxError ? 'That file is not JSON.' : (e as Error).message);
    }
  };
  return (
    <section aria-label="Your data" class="practice-controls">
      <a href="/api/practice/export" download>Export progress (JSON)</a>
      <label>Import progress<input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget.files?.[0])} /></label>
      <a href="/api/practice/anki" download>Export the questions for Anki</a>
      <span role="status" class="muted">{message}</span>
    </section>
  );
}

export function PracticePage() {
  const [summary, setSummary] = useState<PracticeSummary | null>(null);
  const [error, setError] = useState('');
  const [tab, setTab] = useState<'review' | 'mock'>('review');
  const refresh = () => practiceApi.summary().then(setSummary, (e: ApiError) => setError(e.message));
  useEffect(() => {
    document.title = 'Practice · Descent';
    void refresh();
  }, []);
  return (
    <div class="page">
      <h1>Interview practice</h1>
      <p class="lede">Questions interviewers ask, with model answers, scheduled so they stick: review what is due, then a few new ones each day.</p>
      {error && <p class="error" role="alert">{error}</p>}
      {!summary && !error && <p class="muted" role="status">Loading your practice…</p>}
      {summary && (
        <>
          <Stats summary={summary} />
          <Settings summary={summary} onSaved={() => void refresh()} />
          <div class="practice-controls" role="tablist" aria-label="Practice mode">
            <button type="button" role="tab" aria-selected={tab === 'review'} class={tab === 'review' ? 'run' : ''} onClick={() => setTab('review')}>Review</button>
            <button type="button" role="tab" aria-selected={tab === 'mock'} class={tab === 'mock' ? 'run' : ''} onClick={() => setTab('mock')}>Mock interview</button>
          </div>
          {tab === 'review' ? <Review summary={summary} onRated={() => void refresh()} /> : <Mock />}
          <DataTools onImported={() => void refresh()} />
        </>
      )}
    </div>
  );
}
