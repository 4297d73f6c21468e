/**
 * `/play` lists the playgrounds; `/play/<name>` loads `playgrounds/<name>/index.ts` on demand
 * and mounts it. A playground keeps its settings in the query string through `setQuery`.
 * Each links to the written lessons that teach what it shows (they link back).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Curriculum } from '../../shared/api.js';
import { api } from '../api.js';
import { PLAYGROUNDS, type PlaygroundInfo } from '../playgrounds/catalog.js';
import type { Mount } from '../playgrounds/types.js';
import { replaceQuery } from '../router.js';

// Every playground that exists when the app is built; the others show "not available yet".
const modules = import.meta.glob<{ mount: Mount }>('../playgrounds/*/index.ts');
const loaderFor = (name: string) => modules[`../playgrounds/${name}/index.ts`];

/** "Learn it in: lesson …" for the written lessons among the playground's. */
function LessonLinks({ info }: { info: PlaygroundInfo }) {
  const [curriculum, setCurriculum] = useState<Curriculum | null>(null);
  useEffect(() => {
    api.curriculum().then(setCurriculum, () => {});
  }, []);
  const written = (curriculum?.parts ?? []).flatMap((p) => p.lessons).filter((l) => l.id !== null && info.lessons.includes(l.id));
  if (written.length === 0) return null;
  return (
    <p class="related">
      <span class="muted">The lessons: </span>
      {written.map((l, i) => <>{i > 0 && ' · '}<a href={`/lessons/${l.id}`}>{String(l.number).padStart(2, '0')} {l.title}</a></>)}
    </p>
  );
}

export function PlayIndex() {
  useEffect(() => {
    document.title = 'Playgrounds · Descent';
  }, []);
  return (
    <div class="page">
      <h1>Playgrounds</h1>
      <p class="lede">Models you can poke at: change a setting and watch what happens, no code needed.</p>
      <ul class="card-grid">
        {PLAYGROUNDS.map((p) => (
          <li key={p.name} class="card">
            <h2><a href={`/play/${p.name}`}>{p.title}</a></h2>
            <p>{p.summary}</p>
            {loaderFor(p.name) === undefined && <p class="muted">Coming soon</p>}
            <LessonLinks info={p} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PlayPage({ name }: { name: string }) {
  const root = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'missing' | 'error'>('loading');
  const [error, setError] = useState('');
  const info = PLAYGROUNDS.find((p) => p.name === name);

  useEffect(() => {
    document.title = `${info?.title ?? name} · Playgrounds · Descent`;
    const load = loaderFor(name);
    if (load === undefined) {
      setStatus('missing');
      return;
    }
    let unmount: (() => void) | undefined;
    let cancelled = false;
    load().then((module) => {
      if (cancelled || root.current === null) return;
      unmount = module.mount(root.current, { query: new URLSearchParams(window.location.search), setQuery: replaceQuery });
      setStatus('ready');
    }).catch((e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
      setStatus('error');
    });
    return () => {
      cancelled = true;
      unmount?.();
    };
  }, [name]);

  return (
    <div class="page wide">
      <p class="crumbs"><a href="/play">Playgrounds</a></p>
      {info && <LessonLinks info={info} />}
      {/* The playground draws its own heading; the page's stays for screen readers. */}
      <h1 class={status === 'ready' ? 'visually-hidden' : ''}>{info?.title ?? name}</h1>
      {status === 'loading' && <p class="muted" role="status">Loading the playground…</p>}
      {status === 'missing' && (
        <div class="notice" role="status">
          <p><strong>This playground is not available yet.</strong> {info ? 'It is being built; the other playgrounds may be ready.' : `There is no playground called “${name}”.`}</p>
          <p><a href="/play">See all playgrounds</a></p>
        </div>
      )}
      {status === 'error' && <pre class="error" role="alert">The playground failed to start: {error}</pre>}
      <div ref={root} class="playground-root" />
    </div>
  );
}
