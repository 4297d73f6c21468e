// The `descent` command line's arguments: Node's parseArgs, strict, with "did you mean" for
// near misses. Before, `--time-limt 3` was taken silently and `lesson chek` printed the usage.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli/args.js';

describe('descent CLI arguments', () => {
  it('parses commands, lessons and options', () => {
    expect(parseCli(['lesson', 'run', '03', '--no-png', '--time-limit', '5'])).toEqual({ command: 'lesson run', ref: '03', png: false, timeLimit: 5 });
    expect(parseCli(['lesson', 'check'])).toEqual({ command: 'lesson check', png: true });
    expect(parseCli(['lessons', '--dir', 'x', '--out=y'])).toEqual({ command: 'lessons', png: true, dir: 'x', out: 'y' });
    expect(parseCli(['--help']).command).toBe('help');
  });

  it('refuses unknown flags and commands, suggesting the near miss', () => {
    expect(() => parseCli(['lesson', 'run', '03', '--time-limt', '3'])).toThrow(/^Unknown option --time-limt\. Did you mean --time-limit\? The options are --dir, --out, --db/);
    expect(() => parseCli(['lessons', '--no-pgn'])).toThrow(/Did you mean --no-png\?/);
    expect(() => parseCli(['lesson', 'chek', '03'])).toThrow(/^Unknown command "lesson chek"\. Did you mean lesson check\?/);
    expect(() => parseCli(['lesons'])).toThrow(/Did you mean lessons\?/);
    expect(() => parseCli(['lesson', 'run'])).toThrow(/"descent lesson run" needs a lesson/);
    expect(() => parseCli(['lesson', 'run', '03', '04'])).toThrow(/Unexpected argument after "lesson run": 04/);
    expect(() => parseCli(['lessons', '--time-limit=0'])).toThrow(/--time-limit must be a number of seconds > 0; got "0"/);
    expect(() => parseCli(['lessons', '--dir'])).toThrow(/--dir/);
    expect(() => parseCli([])).toThrow(/No command given/);
  });

  it('the command prints the error and the usage and exits 2', () => {
    const bin = fileURLToPath(new URL('../bin/descent.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'lessons', '--no-pgn'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^descent: Unknown option --no-pgn\. Did you mean --no-png\?[\s\S]*Usage:/);
  });
});
