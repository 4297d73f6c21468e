/**
 * The bundled text (descent/datasets loadTinyText) against the length, SHA-256 checksum,
 * character set and first/last lines that tools/fixtures/tiny_text.py computed in Python
 * from Debian's copy of the Project Gutenberg etext (test/fixtures/tiny-text.json).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadTinyText } from '../../src/datasets/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fixture = loadFixture<{ length: number; sha256: string; charset: string; firstLine: string; lastLine: string; chapters: number }>('tiny-text.json');

describe('loadTinyText', () => {
  const { text, title, source } = loadTinyText();

  it('has the length and checksum Python computed', () => {
    expect(text.length).toBe(fixture.length);
    expect(createHash('sha256').update(text, 'ascii').digest('hex')).toBe(fixture.sha256);
  });

  it('uses exactly the recorded ASCII character set', () => {
    expect([...new Set(text)].sort().join('')).toBe(fixture.charset);
    expect([...text].every((ch) => ch.charCodeAt(0) < 128)).toBe(true);
  });

  it('starts and ends where the generator says, with every chapter title in order', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(fixture.firstLine);
    expect(lines[lines.length - 1]).toBe(fixture.lastLine);
    const titles = lines.filter((l) => /^Chapter \d+:/.test(l)).map((l) => Number(/^Chapter (\d+):/.exec(l)![1]));
    expect(titles).toEqual(Array.from({ length: fixture.chapters }, (_, i) => i + 1));
  });

  it('names its source and public-domain status', () => {
    expect(title).toMatch(/Dhammapada/);
    expect(source).toMatch(/public domain/);
  });
});
