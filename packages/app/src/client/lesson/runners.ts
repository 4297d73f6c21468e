/**
 * Where the cell worker runs. A worker that exhausts its memory takes its whole renderer
 * process down in Chromium, and a dedicated worker shares the process of the page that
 * started it, so on a loopback name the page starts the worker inside a hidden frame on the
 * other loopback name (runner/origins.ts), which site isolation gives a process of its own:
 * then only the frame dies, and a heartbeat tells the page. Elsewhere (a class server on
 * another host) the worker runs in the page's own process, as a plain dedicated worker.
 */
import type { FromWorker, ToWorker } from '../../worker/protocol.js';
import { RUNNER_HELLO, runnerOrigin, type FromRunner, type ToRunner } from '../runner/origins.js';
import { spawnCellWorker } from './spawn-worker.js';

export interface RunnerEvents {
  message(message: FromWorker): void;
  /** The worker raised an uncaught error (it may still be alive). */
  crashed(message: string): void;
  /** The runner's process stopped answering: it died, most likely out of memory. */
  died(): void;
}

export interface Runner {
  send(message: ToWorker): void;
  /** Ends the worker (and its frame). */
  dispose(): void;
}

/** The page pings the runner this often, */
export const HEARTBEAT_MS = 500;
/** and takes it for dead after this long without an answer (and at least 4 unanswered pings). */
export const SILENCE_MS = 2000;
/** A runner frame that has not said hello this long after starting is not coming: use a plain worker. */
const HELLO_TIMEOUT_MS = 15_000;
/** Nor is one that loaded this long ago without a word (refused by a header, or an error page). */
const HELLO_AFTER_LOAD_MS = 2000;

/** A dedicated worker in the page's own process. */
class LocalRunner implements Runner {
  private readonly worker = spawnCellWorker();

  constructor(events: RunnerEvents) {
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => events.message(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      events.crashed(event.message || 'unknown error');
    };
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  dispose(): void {
    this.worker.terminate();
  }
}

/** The worker inside a frame on the other loopback origin, reached over a MessagePort. */
class FrameRunner implements Runner {
  private readonly frame = document.createElement('iframe');
  private cells: MessagePort | undefined;
  private control: MessagePort | undefined;
  /** Messages sent before the frame said hello (or before a fallback worker started). */
  private outbox: ToWorker[] = [];
  private fallback: LocalRunner | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private pinged = 0;
  private answered = 0;
  private lastAnswer = 0;
  private disposed = false;

  constructor(private readonly origin: string, private readonly events: RunnerEvents) {
    window.addEventListener('message', this.onHello);
    const src = new URL('/runner.html', origin);
    src.searchParams.set('parent', window.location.origin);
    this.frame.src = src.href;
    // Lets the frame be cross-origin isolated (SharedArrayBuffer for the engine's threads).
    this.frame.allow = 'cross-origin-isolated';
    this.frame.title = 'Descent cell runner';
    this.frame.tabIndex = -1;
    this.frame.setAttribute('aria-hidden', 'true');
    // Off screen rather than display: none, so the browser treats it as an ordinary frame.
    this.frame.style.cssText = 'position:fixed;left:-10px;top:-10px;width:1px;height:1px;border:0;opacity:0;pointer-events:none';
    this.helloTimer = setTimeout(() => this.useFallback(`it did not answer within ${HELLO_TIMEOUT_MS / 1000} s`), HELLO_TIMEOUT_MS);
    // The runner says hello from a module script, which runs before its frame's load event.
    this.frame.addEventListener('load', () => {
      setTimeout(() => this.useFallback('it loaded but did not answer; was it refused?'), HELLO_AFTER_LOAD_MS);
    }, { once: true });
    document.body.append(this.frame);
  }

  private readonly onHello = (event: MessageEvent) => {
    if (event.source !== this.frame.contentWindow || event.origin !== this.origin) return;
    const data = event.data as { type?: unknown } | null;
    if (data?.type !== RUNNER_HELLO || event.ports.length !== 2) return;
    window.removeEventListener('message', this.onHello);
    clearTimeout(this.helloTimer);
    const [cells, control] = event.ports as [MessagePort, MessagePort];
    this.cells = cells;
    this.control = control;
    cells.onmessage = (e: MessageEvent<FromWorker>) => this.events.message(e.data);
    control.onmessage = (e: MessageEvent<FromRunner>) => {
      if (e.data.type === 'pong') {
        this.answered = Math.max(this.answered, e.data.n);
        this.lastAnswer = performance.now();
      } else this.events.crashed(e.data.message);
    };
    this.lastAnswer = performance.now();
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    for (const m of this.outbox) cells.postMessage(m);
    this.outbox = [];
  };

  private beat(): void {
    // Counting unanswered pings as well as time keeps a page whose own thread was busy (its
    // timers late) from mistaking the delay for a dead runner.
    const silent = performance.now() - this.lastAnswer;
    if (this.pinged - this.answered >= 4 && silent >= SILENCE_MS) {
      this.dispose();
      this.events.died();
      return;
    }
    this.pinged++;
    this.control!.postMessage({ type: 'ping', n: this.pinged } satisfies ToRunner);
  }

  /** The frame could not start (blocked, or this server is not reachable on the other name). */
  private useFallback(why: string): void {
    if (this.disposed || this.cells !== undefined) return;
    console.warn(`Descent: the cell runner frame at ${this.origin} did not start (${why}); cells run in this page's process, where a cell that exhausts the memory takes the page down.`);
    window.removeEventListener('message', this.onHello);
    this.frame.remove();
    this.fallback = new LocalRunner(this.events);
    for (const m of this.outbox) this.fallback.send(m);
    this.outbox = [];
  }

  send(message: ToWorker): void {
    if (this.fallback) this.fallback.send(message);
    else if (this.cells) this.cells.postMessage(message);
    else this.outbox.push(message);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.helloTimer);
    clearInterval(this.heartbeat);
    window.removeEventListener('message', this.onHello);
    this.cells?.close();
    this.control?.close();
    // Removing the frame ends its document and, with it, the worker (even one in `while (true) {}`).
    this.frame.remove();
    this.fallback?.dispose();
  }
}

/** A runner in a process of its own when the page is on a loopback name, else in the page's process. */
export function createRunner(events: RunnerEvents, where: Location = window.location): Runner {
  const origin = runnerOrigin(where);
  return origin === undefined ? new LocalRunner(events) : new FrameRunner(origin, events);
}
