// `npm test`: type-check, lint, then the whole test suite, and a closing line
// "N passed, N failed" that CI reads. Type-check and lint count as one check each.
// Extra arguments go to vitest (e.g. `npm test -- tensor` runs matching files only).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${secs}s)`);
  return ok;
}

const bin = (name) => `node_modules/.bin/${name}`;

if (extra.length === 0) {
  for (const [name, cmd, args] of [
    ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
    ['lint', bin('eslint'), ['.']],
  ]) {
    if (step(name, cmd, args)) passed++;
    else failed++;
  }
}

function vitest(name, report, args) {
  if (existsSync(report)) rmSync(report);
  const ok = step(name, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A file that fails to load has no tests but is a failure all the same.
    for (const file of r.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed++;
    }
  } else if (!ok) {
    failed++;
  }
  return ok;
}

// A whole run splits the quick suite in two. Tests that drive Chromium against the built app
// (packages/app/test/e2e) run one file at a time, as they always have; everything else runs on
// every core. Vitest's own default is one worker fewer than the cores, which on CI's two cores
// ran the whole suite one file at a time (750 s of a 23-minute run).
const E2E = 'packages/app/test/e2e';
const workers = Math.max(2, availableParallelism() - 1);
let testsOk;
if (extra.length === 0) {
  testsOk = vitest('vitest', '.vitest-report.json', [`--maxWorkers=${workers}`, '--exclude', `${E2E}/**`]);
  testsOk = vitest('vitest (browser)', '.vitest-e2e-report.json', ['--maxWorkers=1', E2E]) && testsOk;
} else {
  testsOk = vitest('vitest', '.vitest-report.json', extra);
}
// The slow group (learning runs, `*.slow.test.ts`) runs once, after the quick suite, on a
// whole run only: `npm test -- <filter>` is for iterating and skips it.
if (extra.length === 0) testsOk = vitest('vitest (slow group)', '.vitest-slow-report.json', ['--config', 'vitest.slow.config.ts', `--maxWorkers=${workers}`]) && testsOk;
if (!testsOk && failed === 0) failed++;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
