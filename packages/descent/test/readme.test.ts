/**
 * Every ```ts example in the root README runs as written (imports resolve through the
 * workspace package `descent`, exactly as a user's code would).
 */
import { describe, it, afterAll, vi } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const dir = fileURLToPath(new URL('./.readme-examples/', import.meta.url));

describe('README examples run', () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  blocks.forEach((code, i) => {
    const first = code.split('\n').find((l) => l.startsWith('import')) ?? '';
    it(`example ${i + 1} (${first.slice(0, 60)})`, async () => {
      const file = `${dir}example-${i + 1}.ts`;
      writeFileSync(file, code);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(pathToFileURL(file).href);
      } finally {
        log.mockRestore();
      }
    });
  });
});
