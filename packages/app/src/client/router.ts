/**
 * A small history router: the path decides the page, links inside the app change the URL
 * without reloading, and pages can replace the query string (the playgrounds keep their
 * settings there so a link reproduces them).
 */
import { useEffect, useState } from 'preact/hooks';

const EVENT = 'descent:navigate';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const current = (): Location => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });

/** Goes to `href` inside the app (a new history entry), scrolled to the top or to its #fragment. */
export function navigate(href: string): void {
  window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
  const hash = new URL(href, window.location.href).hash;
  if (hash === '') window.scrollTo(0, 0);
}

/** Replaces the query string without a new history entry or a re-render. */
export function replaceQuery(query: URLSearchParams): void {
  const q = query.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${q === '' ? '' : `?${q}`}${window.location.hash}`);
}

/** The current location; re-renders on navigation and on the browser's back and forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    window.addEventListener(EVENT, update);
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener(EVENT, update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** Sends clicks on same-origin links through `navigate`, so following them does not reload the page. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = (event.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    if (url.pathname === window.location.pathname && url.hash !== '') return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
