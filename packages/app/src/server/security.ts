/**
 * What keeps other web pages away from the learner's local server. The server listens on
 * loopback, but any page the learner opens can still send requests to 127.0.0.1, so:
 *
 * - Host check (DNS rebinding): a page on `evil.example` whose name is made to resolve to
 *   127.0.0.1 talks to us with `Host: evil.example`; only loopback names (and the address the
 *   server was told to listen on) are answered.
 * - Writes must come from our own page: a foreign `Origin` is refused, and every write needs
 *   `Content-Type: application/json` or the `X-Descent-Client` header. Both are outside what a
 *   cross-origin form or a no-cors `fetch` may send without a CORS preflight, which this
 *   server never grants.
 * - Response headers: a Content-Security-Policy, no MIME sniffing, no framing, and the
 *   cross-origin isolation pair (COOP + COEP) that makes `SharedArrayBuffer` available to the
 *   engine's threads. One exception: the cell runner page (`/runner.html`), which the app
 *   frames from its other loopback name so a cell that exhausts the memory kills only the
 *   frame's process (client/lesson/runners.ts), may be framed by the app's loopback origins
 *   on this port and no one else, and is marked `Cross-Origin-Resource-Policy: cross-origin`
 *   so the isolated page may embed it.
 *
 * @example
 * await app.register(security, { extraHosts: [] });
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLIENT_HEADER } from '../shared/security.js';
import { HttpError } from './errors.js';

export { CLIENT_HEADER };


const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The page runs no inline script and no `eval` (charts use Vega's expression interpreter).
 * Styles allow 'unsafe-inline' because KaTeX and CodeMirror set element styles. Images may be
 * `data:` (the favicon) or `blob:`. Frames: none, and nobody may frame us.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The cell worker runs the learner's code, which the notebook compiles and evaluates with
 * `AsyncFunction`, so its own policy (a worker takes the policy sent with its script) adds
 * 'unsafe-eval'. It has no DOM, and its network access stays limited to this server.
 */
export const WORKER_CSP = PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");

/** The runner page's path (an entry of the Vite build). */
export const RUNNER_PATH = '/runner.html';

/**
 * This server's origins on the two loopback names, on the port `host` names:
 * `http://127.0.0.1:4173 http://localhost:4173`. (A policy cannot name `[::1]`.)
 */
export function loopbackOrigins(host: string): string {
  const port = /:(\d+)$/.exec(host.trim())?.[1];
  return ['127.0.0.1', 'localhost'].map((name) => `http://${name}${port === undefined ? '' : `:${port}`}`).join(' ');
}

/** The page's policy: PAGE_CSP, plus the runner frame on the app's loopback origins. */
export function pageCsp(host: string): string {
  return `${PAGE_CSP}; frame-src ${loopbackOrigins(host)}`;
}

/** The runner page's policy: no eval (its worker has its own policy), framed only by the app's loopback origins. */
export function runnerCsp(host: string): string {
  return PAGE_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${loopbackOrigins(host)}`);
}

/**
 * The host names a request may carry: loopback, the listening address when it is another
 * one, and in class mode the host of the configured public origin. Listening on every
 * address (0.0.0.0) does not make every name acceptable: the names still come from here.
 */
export function allowedHostnames(listenHost?: string, publicOrigin?: string): string[] {
  const extra = listenHost === undefined || ['0.0.0.0', '::', ''].includes(listenHost) ? [] : [listenHost.includes(':') ? `[${listenHost}]` : listenHost];
  const pub = publicOrigin === undefined ? [] : [new URL(publicOrigin).hostname.toLowerCase()];
  return [...new Set([...LOOPBACK, ...extra, ...pub])];
}

/**
 * The class's public origin as configured (`DESCENT_PUBLIC_ORIGIN`): scheme, host and port
 * only, http or https. Anything else is a configuration error named here.
 */
export function parsePublicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`DESCENT_PUBLIC_ORIGIN must be a URL like https://descent.example.edu; got "${value}".`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search !== '' || url.username !== '') {
    throw new Error(`DESCENT_PUBLIC_ORIGIN is the scheme, host and port learners open (https://descent.example.edu), with no path or query; got "${value}".`);
  }
  return url.origin;
}

/** `example.com:80` → `example.com`; `[::1]:4173` → `[::1]`. */
function hostnameOf(host: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(host.trim().toLowerCase());
  return m?.[1] ?? '';
}

function checkRequest(request: FastifyRequest, hostnames: string[], publicOrigin?: string): void {
  const host = request.headers.host ?? '';
  if (!hostnames.includes(hostnameOf(host))) {
    throw new HttpError(403, `This Descent server answers only requests addressed to this machine (${hostnames.join(', ')}), not to "${host}". ` +
      'Open it at http://127.0.0.1:<port>/ (a page on another site cannot reach it by pointing its own name at 127.0.0.1).');
  }
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let ours = false;
    try {
      const url = new URL(origin);
      // Our own page over plain http on the address it was opened at, or the class's configured origin exactly.
      // On the public origin's own host name only that exact origin counts (not http:// beside https://).
      const publicHost = publicOrigin === undefined ? undefined : new URL(publicOrigin).hostname;
      ours = url.origin === publicOrigin || (url.protocol === 'http:' && url.host === host.toLowerCase() && url.hostname !== publicHost);
    } catch { /* "null" or garbage: not ours */ }
    if (!ours) {
      throw new HttpError(403, `Writes are accepted only from Descent's own page (http://${host}), not from ${origin}.`);
    }
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && request.headers[CLIENT_HEADER] === undefined) {
    throw new HttpError(415, `A write must send a JSON body (Content-Type: application/json) or, when it has no body, the ${CLIENT_HEADER} header; ` +
      `got Content-Type "${type || 'none'}". Descent's own page does this; a form on another site cannot.`);
  }
}

function setHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0]!;
  const host = request.headers.host ?? '';
  const isWorker = /\/assets\/cell-worker[^/]*\.js$/.test(path);
  const isRunner = path === RUNNER_PATH;
  reply.header('content-security-policy', isWorker ? WORKER_CSP : isRunner ? runnerCsp(host) : pageCsp(host));
  reply.header('x-content-type-options', 'nosniff');
  // frame-ancestors says who may frame the runner; X-Frame-Options cannot name another origin.
  if (!isRunner) reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-embedder-policy', 'require-corp');
  reply.header('cross-origin-resource-policy', isRunner ? 'cross-origin' : 'same-origin');
}

/** Adds the checks and headers to every route of `app` (call before registering routes). */
export function addSecurity(app: FastifyInstance, options: { listenHost?: string; publicOrigin?: string } = {}): void {
  const publicOrigin = options.publicOrigin === undefined ? undefined : parsePublicOrigin(options.publicOrigin);
  const hostnames = allowedHostnames(options.listenHost, publicOrigin);
  // onRequest runs before the body is read, so a refused write never reaches the parser.
  app.addHook('onRequest', async (request, reply) => {
    setHeaders(request, reply);
    checkRequest(request, hostnames, publicOrigin);
  });
}
