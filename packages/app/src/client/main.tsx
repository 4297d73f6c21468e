/**
 * The app's entry: the page shell (header, skip link, main) and the route table. The lesson
 * page loads its editor, charts and the cell worker only when it needs them, so this first
 * bundle stays small.
 */
import 'katex/dist/katex.min.css';
import './styles.css';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MeView } from '../shared/class.js';
import { classApi } from './api.js';
import { ClassPage, LoginPage } from './pages/class.js';
import { HomePage } from './pages/home.js';
import { LessonPage } from './pages/lesson.js';
import { NotFound } from './pages/not-found.js';
import { PlayIndex, PlayPage } from './pages/play.js';
import { PracticePage } from './pages/practice.js';
import { RunsPage } from './pages/runs.js';
import { interceptLinks, useLocation } from './router.js';

function Page({ path }: { path: string }) {
  if (path === '/' || path === '') return <HomePage />;
  const lesson = /^\/lessons\/([\w-]+)\/?$/.exec(path);
  if (lesson) return <LessonPage key={lesson[1]} id={lesson[1]} />;
  if (/^\/play\/?$/.test(path)) return <PlayIndex />;
  if (/^\/practice\/?$/.test(path)) return <PracticePage />;
  if (/^\/runs\/?$/.test(path)) return <RunsPage />;
  if (/^\/class\/?$/.test(path)) return <ClassPage />;
  if (/^\/login\/?$/.test(path)) return <HomePage />; // logged in already
  const play = /^\/play\/([\w-]+)\/?$/.exec(path);
  if (play) return <PlayPage key={play[1]} name={play[1]} />;
  return <NotFound />;
}

function App() {
  const { path } = useLocation();
  // Class mode: who is signed in (one-person mode answers mode "single" and needs no login).
  const [me, setMe] = useState<MeView | null>(null);
  useEffect(() => {
    classApi.me().then(setMe, () => setMe({ mode: 'single', user: null }));
  }, []);
  const needsLogin = me?.mode === 'class' && me.user === null;
  const logout = () => void classApi.logout().then(() => setMe({ mode: 'class', user: null }));
  const section = path.startsWith('/play') ? 'play' : path.startsWith('/practice') ? 'practice' : path.startsWith('/runs') ? 'runs' : 'lessons';
  const first = useRef(true);
  useEffect(() => {
    // After following a link, move focus to the new page's content for keyboard and
    // screen-reader users (on the first load the browser's own start is right: the skip link).
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        <nav class="site-nav" aria-label="Main">
          <a class="brand" href="/" aria-label="Descent, home">
            <svg viewBox="0 0 16 16" width="22" height="22" aria-hidden="true"><path d="M1 2 Q8 18 15 2" fill="none" stroke="currentColor" stroke-width="2.5" /></svg>
            <span>Descent</span>
          </a>
          <a href="/" aria-current={section === 'lessons' ? 'page' : undefined}>Lessons</a>
          <a href="/play" aria-current={section === 'play' ? 'page' : undefined}>Playgrounds</a>
          <a href="/practice" aria-current={section === 'practice' ? 'page' : undefined}>Practice</a>
          <a href="/runs" aria-current={section === 'runs' ? 'page' : undefined}>Runs</a>
          {me?.user?.role === 'instructor' && <a href="/class" aria-current={path.startsWith('/class') ? 'page' : undefined}>Class</a>}
          {me?.user && <span class="account">{me.user.username} <button type="button" class="link" onClick={logout}>Log out</button></span>}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {me === null ? null : needsLogin ? <LoginPage onLogin={(user) => setMe({ mode: 'class', user })} /> : <Page key={me.user?.id ?? 0} path={path} />}
      </main>
    </>
  );
}

// A diagnostic for DevTools and the end-to-end tests: which kernels the library on this page
// dispatches to (the playgrounds run on this thread and share this module instance). The
// library loads only when asked, so the first bundle stays small.
Object.assign(globalThis, {
  descentKernels: async () => {
    const t = await import('descent/tensor');
    await t.kernelsReady();
    return { registered: t.listKernels(), matmul: { float32: t.kernelFor('matmul', 'float32'), float64: t.kernelFor('matmul', 'float64') } };
  },
});

interceptLinks();
render(<App />, document.getElementById('app')!);
