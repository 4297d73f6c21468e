/**
 * A toy translation task for sequence-to-sequence models: dates written out in words
 * ("march 3 2021", "3 march 2021", "mar 03 2021") to ISO 8601 ("2021-03-03"). It is small
 * enough to learn in seconds, needs real reordering (the year moves from the end to the
 * front), and its right answer is unambiguous, so exact-match accuracy is meaningful.
 * Every date is a real calendar date (leap years included).
 *
 * `CharVocab` turns the strings into padded token-id rows, with PAD = 0, BOS = 1, EOS = 2.
 */
import { Generator } from '../random/index.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** How a date is written on the source side. */
export type DateFormat = 'month-day-year' | 'day-month-year' | 'short';

export interface MakeDatesOptions {
  nSamples?: number;
  /** Source formats to draw from, uniformly (default all three). */
  formats?: DateFormat[];
  /** Years drawn uniformly from this inclusive range (default [1950, 2049]). */
  years?: [number, number];
  randomState?: number | null;
}

export interface DatePairs {
  /** e.g. 'march 3 2021', '3 march 2021' or 'mar 03 2021'. */
  source: string[];
  /** e.g. '2021-03-03'. */
  target: string[];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** One date in a source format: month 1–12, day 1–31. */
export function formatDate(year: number, month: number, day: number, format: DateFormat): string {
  const name = MONTHS[month - 1];
  if (format === 'month-day-year') return `${name} ${day} ${year}`;
  if (format === 'day-month-year') return `${day} ${name} ${year}`;
  return `${name.slice(0, 3)} ${pad2(day)} ${year}`;
}

/**
 * `nSamples` random (source, target) date pairs, seeded by `randomState`.
 *
 * ```ts
 * const { source, target } = makeDates({ nSamples: 3, randomState: 0 });
 * source[0]; target[0];   // e.g. '17 october 1987', '1987-10-17'
 * ```
 */
export function makeDates(options: MakeDatesOptions = {}): DatePairs {
  const n = options.nSamples ?? 1000;
  const formats = options.formats ?? ['month-day-year', 'day-month-year', 'short'];
  const [y0, y1] = options.years ?? [1950, 2049];
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`makeDates: nSamples must be an integer >= 0, got ${n}`);
  if (formats.length === 0 || formats.some((f) => !['month-day-year', 'day-month-year', 'short'].includes(f))) {
    throw new RangeError(`makeDates: formats must be a non-empty list of 'month-day-year', 'day-month-year', 'short', got ${JSON.stringify(formats)}`);
  }
  if (!Number.isInteger(y0) || !Number.isInteger(y1) || y0 > y1 || y0 < 1000 || y1 > 9999) {
    throw new RangeError(`makeDates: years must be [first, last] four-digit integers with first <= last, got [${y0}, ${y1}]`);
  }
  const g = new Generator(options.randomState ?? Math.floor(Math.random() * 2 ** 32));
  const source: string[] = [];
  const target: string[] = [];
  for (let i = 0; i < n; i++) {
    const year = g.integers(y0, y1 + 1);
    const month = g.integers(1, 13);
    const day = g.integers(1, daysIn(month, year) + 1);
    source.push(formatDate(year, month, day, formats[g.integers(0, formats.length)]));
    target.push(`${year}-${pad2(month)}-${pad2(day)}`);
  }
  return { source, target };
}

/**
 * A character vocabulary with three reserved ids: PAD = 0, BOS = 1, EOS = 2.
 *
 * ```ts
 * const vocab = CharVocab.fromStrings(['2021-03-03']);
 * vocab.encode('2021');                 // [6, 4, 6, 5] ('-' = 3, '0' = 4, '1' = 5, '2' = 6)
 * vocab.decode(vocab.encode('2021'));   // '2021'
 * ```
 */
export class CharVocab {
  static readonly PAD = 0;
  static readonly BOS = 1;
  static readonly EOS = 2;
  readonly chars: string[];
  private readonly index: Map<string, number>;

  constructor(chars: string[]) {
    this.chars = chars;
    this.index = new Map(chars.map((c, i) => [c, i + 3]));
  }

  /** Every character that appears in `strings`, sorted. */
  static fromStrings(strings: string[]): CharVocab {
    return new CharVocab([...new Set(strings.join(''))].sort());
  }

  /** Number of ids, the three reserved ones included. */
  get size(): number {
    return this.chars.length + 3;
  }

  encode(s: string): number[] {
    return [...s].map((c) => {
      const id = this.index.get(c);
      if (id === undefined) throw new RangeError(`CharVocab.encode: character '${c}' in '${s}' is not in the vocabulary; build the vocabulary from strings that contain it`);
      return id;
    });
  }

  /** Ids back to text; stops at EOS and skips PAD and BOS. */
  decode(ids: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === CharVocab.EOS) break;
      if (id >= 3) out += this.chars[id - 3] ?? '?';
    }
    return out;
  }

  /**
   * Strings → equal-length rows of ids, padded with PAD to the longest (`side` 'left' puts
   * the padding first, so a left-to-right encoder ends on a real character), optionally
   * with BOS before and EOS after each string.
   */
  encodeBatch(strings: string[], options: { bos?: boolean; eos?: boolean; side?: 'left' | 'right' } = {}): number[][] {
    const rows = strings.map((s) => [...(options.bos ? [CharVocab.BOS] : []), ...this.encode(s), ...(options.eos ? [CharVocab.EOS] : [])]);
    const L = Math.max(0, ...rows.map((r) => r.length));
    return rows.map((r) => {
      const pad = new Array<number>(L - r.length).fill(CharVocab.PAD);
      return options.side === 'left' ? [...pad, ...r] : [...r, ...pad];
    });
  }
}
