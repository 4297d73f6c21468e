/** The start command's answers to a taken port and to bad flags (it runs as a child process, as `npm start` does). */
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_LESSONS, tempDir } from './helpers.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tmp = tempDir('descent-cli-');
afterAll(() => tmp.cleanup());

function start(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--no-build', '--no-prerender', '--lessons', FIXTURE_LESSONS, '--db', join(tmp.dir, 'db.sqlite'), ...args],
    { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('npm start', () => {
  it('says the port is taken and how to pick another', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const { status, output } = start('--port', String(port));
      expect(status).toBe(1);
      expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(output).toContain(`npm start -- --port ${port + 1}`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('rejects a port that is not a number, and an unknown flag, with the usage', () => {
    const bad = start('--port', 'eighty');
    expect(bad.status).toBe(1);
    expect(bad.output).toContain('--port must be a whole number from 0 to 65535; got "eighty".');
    const unknown = start('--colour');
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/Unknown option '--colour'[\s\S]*Usage: npm start -- \[options\]/);
  }, 60_000);
});
