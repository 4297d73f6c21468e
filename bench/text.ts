// descent/text's vectorizers against scikit-learn on the same documents, one thread:
// `npx tsx bench/text.ts`. The corpus is the shipped tiny text (Müller's Dhammapada), one
// document per verse, repeated 20 times (about 8,000 documents, 0.5 MB). Each result is
// checked against scikit-learn's (same shape, same number of non-zeros, same sum) before its
// time is reported. scikit-learn runs under Debian's /usr/bin/python3 (python3-sklearn);
// without it only Descent's times are printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTinyText } from '../packages/descent/src/datasets/index.js';
import { CountVectorizer, HashingVectorizer, TfidfVectorizer, type CsrMatrix } from '../packages/descent/src/text/index.js';
import { measure } from './timing.js';
import { PYTHON } from './python-inputs.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'python', 'text.py');

const verses = loadTinyText().text.split(/\n\s*\n/u).map((v) => v.trim()).filter(Boolean);
const docs = Array.from({ length: 20 }, () => verses).flat();

const TASKS: Record<string, () => CsrMatrix> = {
  'count-1-2': () => new CountVectorizer({ ngramRange: [1, 2] }).fitTransform(docs),
  tfidf: () => new TfidfVectorizer({ sublinearTf: true }).fitTransform(docs),
  hashing: () => new HashingVectorizer({ nFeatures: 2 ** 18 }).transform(docs),
  'char-wb-2-4': () => new CountVectorizer({ analyzer: 'char_wb', ngramRange: [2, 4] }).fitTransform(docs),
};

interface PyResult { medianMs: number; cpuMedianMs: number; nnz: number; sum: number; shape: number[] }
let py: Record<string, PyResult> | undefined;
if (existsSync(PYTHON)) {
  const dir = mkdtempSync(join(os.tmpdir(), 'descent-text-bench-'));
  const file = join(dir, 'corpus.json');
  writeFileSync(file, JSON.stringify(docs));
  const r = spawnSync(PYTHON, [SCRIPT, file], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  rmSync(dir, { recursive: true, force: true });
  if (r.status === 0) py = JSON.parse(r.stdout) as Record<string, PyResult>;
  else console.log(`scikit-learn anchor skipped: ${r.stderr.trim().split('\n').pop()}`);
}

console.log(`${docs.length} documents, ${docs.reduce((s, d) => s + d.length, 0)} characters`);
console.log('task           descent ms (cpu)    sklearn ms (cpu)    sklearn ÷ descent (cpu)');
for (const [name, run] of Object.entries(TASKS)) {
  const X = run();
  const ref = py?.[name];
  if (ref) {
    const sum = X.data.reduce((a, b) => a + b, 0);
    const same = ref.shape[0] === X.shape[0] && ref.shape[1] === X.shape[1] && ref.nnz === X.nnz && Math.abs(ref.sum - sum) <= 1e-9 * Math.abs(ref.sum);
    if (!same) throw new Error(`${name}: result differs from scikit-learn (shape ${X.shape} vs ${ref.shape}, nnz ${X.nnz} vs ${ref.nnz}, sum ${sum} vs ${ref.sum})`);
  }
  const t = measure(run, { warmup: 1, reps: 5 });
  const cells = [name.padEnd(14), `${t.medianMs.toFixed(0)} (${t.cpuMedianMs.toFixed(0)})`.padEnd(20)];
  if (ref) cells.push(`${ref.medianMs.toFixed(0)} (${ref.cpuMedianMs.toFixed(0)})`.padEnd(20), (ref.cpuMedianMs / t.cpuMedianMs).toFixed(2));
  console.log(cells.join(''));
}
