// What two worker threads of this machine can do in step, with no tensors involved: each rank
// does fixed work per step (a chain of multiply-adds, optionally followed by passes over its
// own buffer of some megabytes) and meets the other at the process group's barrier after
// every step, as DDP's all-reduce makes its ranks do; or runs free, without the barrier. Beside
// one thread doing the same per-step work, the times say how much of data-parallel training's
// shortfall is the cores (arithmetic in step), the memory they share (with traffic) or the
// meeting itself (in step against free).
//
// `npx tsx bench/lockstep.ts [rounds]`: the kinds of run take turns for `rounds` rounds (3).
import { spawn } from '../packages/descent/src/distributed/index.js';
import type { LockstepArgs, LockstepResult } from './lockstep-rank.js';

const STEPS = 156;
const KINDS = [
  { label: 'arithmetic', iterations: 2_600_000, megabytes: 0 },
  { label: 'arithmetic + 4 passes over 16 MB', iterations: 1_500_000, megabytes: 16 },
];

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };

const rounds = Number(process.argv[2] ?? 3);
const register = import.meta.resolve('tsx/esm/api');
const entry = new URL('./lockstep-rank.ts', import.meta.url);
const rows: string[] = [];
for (const kind of KINDS) {
  const runs: Record<string, LockstepResult[]> = { one: [], step: [], free: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [name, workers, barrier] of [['one', 1, true], ['step', 2, true], ['free', 2, false]] as const) {
      const args: LockstepArgs = { steps: STEPS, iterations: kind.iterations, megabytes: kind.megabytes, barrier };
      const results = await spawn<LockstepResult, LockstepArgs>(workers, entry, { args, register });
      runs[name]!.push({ seconds: Math.max(...results.map((x) => x.seconds)), waitSeconds: Math.max(...results.map((x) => x.waitSeconds)), medianStepMs: Math.max(...results.map((x) => x.medianStepMs)) });
    }
  }
  const cell = (name: string) => {
    const rs = runs[name]!;
    return `${median(rs.map((x) => x.seconds)).toFixed(3)} s (step ${median(rs.map((x) => x.medianStepMs)).toFixed(2)} ms, waiting ${(median(rs.map((x) => x.waitSeconds)) * 1000).toFixed(0)} ms)`;
  };
  rows.push(`| ${kind.label} | ${cell('one')} | ${cell('step')} | ${cell('free')} |`);
}
console.log([
  `${STEPS} steps per run, medians of ${rounds} rounds (each rank's own work is the same in every column; two workers do twice the total)`,
  '| work per step | 1 worker | 2 workers in step (barrier every step) | 2 workers free (no barrier) |',
  '|---|---|---|---|',
  ...rows,
].join('\n'));
