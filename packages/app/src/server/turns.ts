/**
 * One request per turn of the event loop, for the SQLite store.
 *
 * Why: better-sqlite3 answers synchronously, so on SQLite a request runs from its first hook
 * to its reply without ever giving the event loop back. Under load one turn of the loop then
 * serves every request that arrived on an open connection — 150 of them, some 300 ms of work
 * in the class load test — and Node (libuv 1.46, Node 20) accepts only one *new* connection
 * per turn: `strace` shows one `accept4` per `epoll_pwait`, and `ss -ltn` showed up to 42
 * connections waiting in the listen queue, let in at 2–3 a second. A learner whose browser
 * opened a connection waited there for seconds: that was the SQLite run's p99 of 5–13 s, while
 * PostgreSQL (where every query gives the loop back) stayed near 1 s.
 *
 * What: an `onRequest` hook that queues requests and lets one go per turn (`setImmediate`),
 * so the loop returns to epoll, and to `accept`, after each. Requests are served in arrival
 * order; when nothing waits the cost is one `setImmediate` (microseconds).
 *
 * @example
 * const app = Fastify();
 * oneRequestPerTurn(app); // first, before hooks that touch the database
 */
import type { FastifyInstance } from 'fastify';

export function oneRequestPerTurn(app: FastifyInstance): void {
  const waiting: (() => void)[] = [];
  let pumping = false;
  const pump = () => {
    const next = waiting.shift();
    if (next === undefined) {
      pumping = false;
      return;
    }
    next();
    setImmediate(pump); // the next request waits for the next turn, after the loop polls again
  };
  app.addHook('onRequest', () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  }));
}
