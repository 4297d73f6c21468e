// The whole feature pipeline as a user runs it: tools/bigdata/feature-pipeline.ts in a child
// Node process with a capped heap (--max-old-space-size=64), on 200,000 events written as
// Parquet. Checks what its report claims: the heap stayed under the cap, every user got
// features, and the model beats the majority-class baseline on held-out users.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventScale } from '../../src/bigdata/index.js';

const script = fileURLToPath(new URL('../../../../tools/bigdata/feature-pipeline.ts', import.meta.url));

describe('the feature pipeline in a heap-capped child process', () => {
  it('aggregates, trains and reports its memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-pipeline-test-'));
    try {
      const child = spawnSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', script, '--dir', dir, '--scale', '0.2', '--memory-limit', '128MB'], { encoding: 'utf8' });
      expect(child.status, child.stderr).toBe(0);
      const report = JSON.parse(child.stdout) as {
        data: { events: number; users: number; featureUsers: number };
        heapLimit: number; peak: { heapUsed: number; maxRssKernel: number };
        model: { accuracy: number; auc: number; baselineAccuracy: number; testUsers: number };
        profile: { phase: string }[];
      };
      expect(report.data.events).toBe(eventScale(0.2).events);
      expect(report.data.featureUsers).toBe(report.data.users);
      expect(report.heapLimit).toBeLessThan(128 * 2 ** 20);            // the cap took effect
      expect(report.peak.heapUsed).toBeLessThan(report.heapLimit);
      expect(new Set(report.profile.map((s) => s.phase))).toEqual(new Set(['start', 'generate', 'features', 'train']));
      expect(report.model.testUsers).toBeGreaterThan(200);
      expect(report.model.auc).toBeGreaterThan(0.65);
      expect(report.model.accuracy).toBeGreaterThan(report.model.baselineAccuracy);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
