import { describe, it, expect } from 'vitest';
import { makeDates, formatDate, CharVocab } from '../../src/datasets/index.js';

describe('makeDates', () => {
  it('pairs each source with its ISO date, and the seed reproduces the draw', () => {
    const a = makeDates({ nSamples: 300, randomState: 4 });
    expect(makeDates({ nSamples: 300, randomState: 4 })).toEqual(a);
    expect(makeDates({ nSamples: 300, randomState: 5 }).source).not.toEqual(a.source);
    const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
    for (let i = 0; i < a.source.length; i++) {
      const [y, m, d] = a.target[i].split('-').map(Number);
      expect(a.target[i]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // A real calendar date: JavaScript's Date agrees and does not roll over.
      const date = new Date(Date.UTC(y, m - 1, d));
      expect([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]).toEqual([y, m, d]);
      expect(y).toBeGreaterThanOrEqual(1950);
      expect(y).toBeLessThanOrEqual(2049);
      // The source names the same year, month and day.
      const s = a.source[i];
      expect(s.endsWith(String(y))).toBe(true);
      expect(s.split(' ').some((w) => w.slice(0, 3) === months[m - 1])).toBe(true);
      expect(s.split(' ').map(Number)).toContain(d);
    }
    const formats = new Set(a.source.map((s) => (/^\d/.test(s) ? 'dmy' : s.split(' ')[1].length === 2 ? 'short' : 'mdy')));
    expect(formats.size).toBe(3);
  });

  it('formats', () => {
    expect(formatDate(2021, 3, 3, 'month-day-year')).toBe('march 3 2021');
    expect(formatDate(2021, 3, 3, 'day-month-year')).toBe('3 march 2021');
    expect(formatDate(2021, 3, 3, 'short')).toBe('mar 03 2021');
  });

  it('rejects bad options by name', () => {
    expect(() => makeDates({ nSamples: -1 })).toThrow(/makeDates: nSamples must be an integer >= 0/);
    expect(() => makeDates({ formats: [] })).toThrow(/makeDates: formats must be a non-empty list/);
    expect(() => makeDates({ years: [2000, 1990] })).toThrow(/makeDates: years must be/);
  });
});

describe('CharVocab', () => {
  it('round-trips, pads on either side, and reserves PAD, BOS, EOS', () => {
    const v = CharVocab.fromStrings(['2021-03-03']);
    expect(v.size).toBe(8);
    expect(v.encode('2021')).toEqual([6, 4, 6, 5]);
    expect(v.decode(v.encode('2021-03-03'))).toBe('2021-03-03');
    expect(v.encodeBatch(['10', '2'], { bos: true, eos: true })).toEqual([[1, 5, 4, 2], [1, 6, 2, 0]]);
    expect(v.encodeBatch(['10', '2'], { side: 'left' })).toEqual([[5, 4], [0, 6]]);
    expect(v.decode([1, 6, 2, 5])).toBe('2');
    expect(() => v.encode('x')).toThrow(/CharVocab.encode: character 'x'/);
  });
});
