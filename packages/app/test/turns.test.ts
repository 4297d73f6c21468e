/**
 * oneRequestPerTurn: requests are served in arrival order, one per turn of the event loop, so
 * the loop polls its sockets (and accepts new connections) between one and the next. Three
 * requests pipelined on one connection arrive in one read; handlers that never wait (as
 * SQLite's synchronous queries never do) would otherwise all run in that one turn.
 */
import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { oneRequestPerTurn } from '../src/server/turns.js';

/** Serves three pipelined requests; returns, per request, the loop turn its handler ran in. */
async function turnsOfPipelinedRequests(gated: boolean): Promise<Record<string, number>> {
  const app = Fastify();
  if (gated) oneRequestPerTurn(app);
  let turn = 0;
  let ticking = true;
  const tick = () => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick); // counts the loop's check phases: one per turn
  const seen: Record<string, number> = {};
  app.get('/:n', async (request) => {
    const n = (request.params as { n: string }).n;
    seen[n] = turn;
    return { n };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  try {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (b) => { data += b.toString(); });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      // One write: the server reads all three requests at once.
      socket.write(['1', '2', '3'].map((n) => `GET /${n} HTTP/1.1\r\nHost: 127.0.0.1\r\n${n === '3' ? 'Connection: close\r\n' : ''}\r\n`).join(''));
    });
    expect(reply.match(/\{"n":"\d"\}/g)).toEqual(['{"n":"1"}', '{"n":"2"}', '{"n":"3"}']);
  } finally {
    ticking = false;
    await app.close();
  }
  return seen;
}

describe('oneRequestPerTurn', () => {
  it('serves requests that arrive together in successive turns of the loop, in order', async () => {
    const gated = await turnsOfPipelinedRequests(true);
    expect(gated['2']).toBeGreaterThan(gated['1']!);
    expect(gated['3']).toBeGreaterThan(gated['2']!);
    // The control: without the hook the three handlers share one turn.
    const plain = await turnsOfPipelinedRequests(false);
    expect(new Set(Object.values(plain)).size).toBe(1);
  });
});
