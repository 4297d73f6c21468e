/**
 * Which origin the cell runner is served from. Chromium puts each site in a renderer process
 * of its own (site isolation), and `localhost` and `127.0.0.1` are different sites although
 * both reach this server, so a page on one can run its cells in a frame on the other: when
 * the cells exhaust the memory, only the frame's process dies and the page lives on.
 *
 * @example
 * runnerOrigin(new URL('http://127.0.0.1:4173/lessons/01-mean')); // 'http://localhost:4173'
 * runnerOrigin(new URL('http://192.168.1.5:4173/'));              // undefined: no second name
 */

/**
 * The other loopback name for each one the page may be served on. Not `[::1]`: a
 * Content-Security-Policy cannot name an IPv6 address, so the runner's `frame-ancestors`
 * could not admit such a page (it gets the same-process worker).
 */
const PARTNER: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

const LOOPBACK_NAMES = Object.keys(PARTNER);

/** The runner's origin for a page at `page`, or undefined when the page is not on a loopback name. */
export function runnerOrigin(page: { protocol: string; hostname: string; port: string }): string | undefined {
  const partner = PARTNER[page.hostname];
  if (page.protocol !== 'http:' || partner === undefined) return undefined;
  return `http://${partner}${page.port === '' ? '' : `:${page.port}`}`;
}

/** Whether `origin` is this server on a loopback name (same port): a page allowed to use the runner. */
export function isLoopbackOrigin(origin: string, port: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && LOOPBACK_NAMES.includes(url.hostname) && url.port === port && url.origin === origin;
}

/** The first message of the runner to the page, carrying the two ports: cells (to the worker) and control. */
export const RUNNER_HELLO = 'descent-runner';

/** Between the page and the runner's own thread: liveness, and errors the worker raised. */
export type ToRunner = { type: 'ping'; n: number };
export type FromRunner = { type: 'pong'; n: number } | { type: 'error'; message: string };
