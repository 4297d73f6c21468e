/**
 * `/play` lists the playgrounds; `/play/<name>` loads `playgrounds/<name>/index.ts` on demand
 * and mounts it. A playground keeps its settings in the query string through `setQuery`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Mount } from '../playgrounds/types.js';
import { replaceQuery } from '../router.js';

export const PLAYGROUNDS = [
  { name: 'nn', title: 'Neural network', summary: 'Train a small network on 2-D data and watch its decision boundary form, layer by layer.' },
  { name: 'optimizers', title: 'Optimizers', summary: 'Race SGD, momentum, RMSprop and Adam down the same loss surface.' },
  { name: 'boundaries', title: 'Decision boundaries', summary: 'Compare how different classifiers split the same points.' },
  { name: 'convolution', title: 'Convolution', summary: 'Slide a kernel over an image and see what edges, blurs and sharpening do.' },
  { name: 'hypothesis', title: 'Hypothesis testing', summary: 'Draw two samples, see the null distribution, and watch the p-value and the power move with effect size and n.' },
  { name: 'forecasting', title: 'Forecasting', summary: 'Pick a series and a model, forecast held-out points and see the prediction interval.' },
] as const;

// Every playground that exists when the app is built; the others show "not available yet".
const modules = import.meta.glob<{ mount: Mount }>('../playgrounds/*/index.ts');
const loaderFor = (name: string) => modules[`../playgrounds/${name}/index.ts`];

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
