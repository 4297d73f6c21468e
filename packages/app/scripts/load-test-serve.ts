/**
 * Load test for `descent serve`: trains a small model, starts the real command, and drives it
 * with `--connections` keep-alive clients for `--seconds`, each sending a batch of
 * `--batch` rows as soon as its previous answer arrives (a closed loop). Prints throughput
 * (requests and rows per second) and latency percentiles measured at the client, then the
 * server's own /metrics count as a cross-check, and stops the server with SIGTERM.
 *
 *   npx tsx packages/app/scripts/load-test-serve.ts [--connections 8] [--seconds 10] [--batch 32]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LogisticRegression } from 'descent/learn';

const { values } = parseArgs({ options: { connections: { type: 'string' }, seconds: { type: 'string' }, batch: { type: 'string' } } });
const connections = Number(values.connections ?? 8);
const seconds = Number(values.seconds ?? 10);
const batch = Number(values.batch ?? 32);

const DESCENT = fileURLToPath(new URL('../../lessons/bin/descent.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'descent-load-'));
let s = 1;
const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
const X = Array.from({ length: 2000 }, () => Array.from({ length: 8 }, u));
const y = X.map((r) => (r[0]! + 0.5 * r[1]! - r[2]! > 0 ? 1 : 0));
const modelPath = join(dir, 'model.json');
writeFileSync(modelPath, JSON.stringify(new LogisticRegression().fit(X, y)));

const child = spawn(process.execPath, [DESCENT, 'serve', modelPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const port = await new Promise<number>((resolve, reject) => {
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /127\.0\.0\.1:(\d+)\/predict/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', (code) => reject(new Error(`descent serve exited with ${code}:\n${out}`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: connections });
const body = JSON.stringify({ instances: X.slice(0, batch) });
function once(path: string, method = 'POST', payload: string | null = body): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, headers: payload === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(payload ?? undefined);
  });
}

for (let i = 0; i < 50; i++) await once('/predict'); // warm up the JIT
const latencies: number[] = [];
let errors = 0;
const cpu0 = process.cpuUsage();
const start = performance.now();
const end = start + seconds * 1000;
await Promise.all(Array.from({ length: connections }, async () => {
  while (performance.now() < end) {
    const t = performance.now();
    const r = await once('/predict');
    latencies.push(performance.now() - t);
    if (r.status !== 200) errors++;
  }
}));
const elapsed = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
const metrics = (await once('/metrics', 'GET', null)).text;
const served = /descent_predictions_total\{[^}]*\} (\d+)/.exec(metrics)?.[1];
console.log(`descent serve load test: ${connections} keep-alive connections, ${batch} rows per request, ${elapsed.toFixed(1)} s`);
console.log(`  requests: ${latencies.length} (${errors} errors), ${(latencies.length / elapsed).toFixed(0)} req/s, ${((latencies.length * batch) / elapsed).toFixed(0)} rows/s`);
console.log(`  latency ms: p50 ${pct(50).toFixed(2)}, p90 ${pct(90).toFixed(2)}, p99 ${pct(99).toFixed(2)}, max ${latencies[latencies.length - 1]!.toFixed(2)}`);
console.log(`  client CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; server /metrics counts ${served} rows predicted (incl. warm-up)`);
agent.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
rmSync(dir, { recursive: true, force: true });
