// Vector search: descent/text's HNSWIndex against its exact FlatIndex and against hnswlib
// (the HNSW authors' C++ library, Debian's python3-hnswlib) on the same vectors, one thread:
// `npx tsx bench/vector-search.ts`. 10,000 standard-normal vectors in 32 dimensions and 1,000
// queries, squared L2, M 16, efConstruction 100: the issue's recall@10 ≥ 0.95 setting (a hard
// case, random data has no structure). Reports build CPU seconds, and queries/s (CPU) with
// recall@10 against exact search at each efSearch. Without /usr/bin/python3 and hnswlib
// only Descent's rows print.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Generator } from '../packages/descent/src/random/index.js';
import { FlatIndex, HNSWIndex, recallAtK } from '../packages/descent/src/text/index.js';
import { PYTHON } from './python-inputs.js';

const [n, q, d, M, efConstruction] = [10_000, 1_000, 32, 16, 100];
const EFS = [10, 50, 100, 200];
const g = new Generator(34);
const X = Float32Array.from({ length: n * d }, () => g.normal());
const Q = Float32Array.from({ length: q * d }, () => g.normal());
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

let t = cpuMs();
const flat = new FlatIndex(d, 'l2').add(X);
const exact = flat.searchBatch(Q, 10);
const exactQps = q / ((cpuMs() - t) / 1000);
t = cpuMs();
const hnsw = new HNSWIndex(d, { metric: 'l2', M, efConstruction }).add(X);
const buildS = (cpuMs() - t) / 1000;
const rows = EFS.map((ef) => {
  hnsw.efSearch = ef;
  const t0 = cpuMs();
  const found = hnsw.searchBatch(Q, 10);
  return { ef, qps: q / ((cpuMs() - t0) / 1000), recall: recallAtK(found, exact, 10) };
});

interface Anchor { buildCpuS: number; rows: { ef: number; qps: number; recall: number }[] }
let anchor: Anchor | undefined;
if (existsSync(PYTHON)) {
  const dir = mkdtempSync(join(os.tmpdir(), 'descent-vector-bench-'));
  const file = join(dir, 'data.bin');
  const both = new Float32Array(X.length + Q.length);
  both.set(X); both.set(Q, X.length);
  writeFileSync(file, Buffer.from(both.buffer));
  const script = join(dirname(fileURLToPath(import.meta.url)), 'python', 'vector_search.py');
  const r = spawnSync(PYTHON, [script, file, ...[n, q, d, M, efConstruction].map(String), EFS.join(',')], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  rmSync(dir, { recursive: true, force: true });
  if (r.status === 0) anchor = JSON.parse(r.stdout) as Anchor;
  else console.log(`hnswlib anchor skipped: ${r.stderr.trim().split('\n').pop()}`);
}

console.log(`${n} × ${d} vectors, ${q} queries, M ${M}, efConstruction ${efConstruction}; CPU time, one thread`);
console.log(`build (s): descent ${buildS.toFixed(2)}${anchor ? `, hnswlib ${anchor.buildCpuS.toFixed(2)}` : ''}`);
console.log('index            efSearch  queries/s  recall@10' + (anchor ? '   hnswlib queries/s  recall@10' : ''));
console.log(`FlatIndex (exact)   -      ${exactQps.toFixed(0).padStart(8)}  1.000`);
rows.forEach((r, i) => {
  const a = anchor?.rows[i];
  console.log(`HNSWIndex        ${String(r.ef).padStart(6)}    ${r.qps.toFixed(0).padStart(8)}  ${r.recall.toFixed(3)}` + (a ? `   ${a.qps.toFixed(0).padStart(17)}  ${a.recall.toFixed(3)}` : ''));
});
