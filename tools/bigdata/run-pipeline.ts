/**
 * Runs the event feature pipeline (`feature-pipeline.ts`) in a child Node process with a
 * capped V8 heap and prints its report: data size, time per phase, peak memory, the model
 * against its baseline, the memory profile, and the Spark SQL the same step would be.
 *
 *   npx tsx tools/bigdata/run-pipeline.ts --scale 0.5                 # small: CI and the lesson
 *   npx tsx tools/bigdata/run-pipeline.ts --scale 300 --heap 64       # ~3 GB of Parquet
 *
 * Options: --scale S (S million events; default 0.5), --dir DIR (default a fresh temporary
 * directory, deleted afterwards unless --keep), --heap MB (the child's --max-old-space-size,
 * default 64), --memory-limit (DuckDB's, default 256MB), --threads (DuckDB's, default 2),
 * --json FILE (write the full report there).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SPARK_FEATURES_SQL } from 'descent/bigdata';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.5' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    heap: { type: 'string', default: '64' },
    'memory-limit': { type: 'string', default: '256MB' },
    threads: { type: 'string', default: '2' },
    json: { type: 'string' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'descent-events-'));
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

const child = spawnSync(process.execPath, [
  `--max-old-space-size=${values.heap}`, '--import', 'tsx', join(here, 'feature-pipeline.ts'),
  '--dir', dir, '--scale', values.scale, '--memory-limit', values['memory-limit'], '--threads', values.threads,
], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
if (values.dir === undefined && !values.keep) rmSync(dir, { recursive: true, force: true });
if (child.status !== 0) {
  process.stderr.write(child.stderr);
  throw new Error(`run-pipeline: the pipeline process failed (status ${child.status}, signal ${child.signal})`);
}
const report = JSON.parse(child.stdout) as {
  data: { bytes: number; events: number; users: number; reused: boolean };
  heapLimit: number; memoryLimit: string;
  peak: { rss: number; heapUsed: number; external: number; maxRssKernel: number };
  phases: { name: string; wallMs: number; cpuMs: number }[];
  model: Record<string, number>;
  profile: { t: number; phase: string; rss: number; heapUsed: number }[];
};
if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, 2));

const { data, peak, model } = report;
// What the events occupy as plain rows in memory (4 + 8 + ~8 + 8 + ~8 bytes of payload per
// row, before any object overhead): what a load-everything-then-group-by program would need.
const rowBytes = data.events * 36;
console.log(`events: ${data.events.toLocaleString('en')} for ${data.users.toLocaleString('en')} users; Parquet on disk ${mb(data.bytes)}${data.reused ? ' (reused)' : ''}; ~${mb(rowBytes)} as raw rows`);
console.log(`limits: V8 heap ${mb(report.heapLimit)}, DuckDB memory_limit ${report.memoryLimit}`);
console.log(`peak:   RSS ${mb(peak.maxRssKernel)} (kernel's maxRSS), V8 heap used ${mb(peak.heapUsed)}`);
console.table(report.phases.map((p) => ({ phase: p.name, 'wall s': p.wallMs / 1000, 'CPU s (all threads)': p.cpuMs / 1000 })));
console.table([
  { model: 'majority class (baseline)', accuracy: model.baselineAccuracy, auc: model.baselineAuc },
  { model: 'logistic regression on the features', accuracy: model.accuracy, auc: model.auc },
]);
console.log(`trained on ${model.trainUsers} users, tested on ${model.testUsers} others`);

// The memory profile as a text chart: one row per sample bucket, RSS (#) and heap used (*).
const rows = 20, width = 50;
const top = Math.max(...report.profile.map((s) => s.rss));
const step = Math.max(1, Math.ceil(report.profile.length / rows));
console.log(`\nmemory over time (full width = ${mb(top)}): # RSS, * V8 heap used`);
for (let i = 0; i < report.profile.length; i += step) {
  const s = report.profile[i]!;
  const r = Math.round((s.rss / top) * width), h = Math.round((s.heapUsed / top) * width);
  console.log(`${String((s.t / 1000).toFixed(1)).padStart(6)} s ${s.phase.padEnd(9)} ${'*'.repeat(h)}${'#'.repeat(Math.max(0, r - h))}`);
}
console.log('\nThe feature step as Spark SQL (not run here; see the lesson):' + SPARK_FEATURES_SQL);
