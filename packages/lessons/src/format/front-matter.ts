/**
 * A small reader for lesson front matter: `key: value` lines between `---` fences, where a
 * value is a number, a string (optionally quoted), an inline list `[a, b]`, or a block list of
 * `- item` lines. That is all lessons need, so no YAML dependency.
 */
import type { LessonMeta } from './types';

export type FrontMatterValue = string | number | string[];

export interface FrontMatter {
  fields: Record<string, FrontMatterValue>;
  /** Number of lines the front matter occupies, including both fences (0 when absent). */
  lineCount: number;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

function scalar(raw: string): FrontMatterValue {
  const t = raw.trim();
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map(unquote);
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return unquote(t);
}

/** Reads the front matter at the start of `source`, if any. */
export function readFrontMatter(source: string): FrontMatter {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return { fields: {}, lineCount: 0 };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new SyntaxError('Front matter starts with --- but never ends.');
  const fields: Record<string, FrontMatterValue> = {};
  let listKey: string | undefined;
  for (const line of lines.slice(1, end)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey !== undefined) {
      (fields[listKey] as string[]).push(unquote(item[1]));
      continue;
    }
    const field = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!field) throw new SyntaxError(`Cannot read front matter line: "${line}".`);
    const [, key, value] = field;
    listKey = value.trim() === '' ? key : undefined;
    fields[key] = value.trim() === '' ? [] : scalar(value);
  }
  return { fields, lineCount: end + 1 };
}

/** Checks the fields every lesson needs and returns them typed, plus a list of problems. */
export function toLessonMeta(fields: Record<string, FrontMatterValue>, fallbackId: string): { meta: LessonMeta; problems: string[] } {
  const problems: string[] = [];
  const text = (key: string): string => {
    const v = fields[key];
    if (typeof v === 'string' && v !== '') return v;
    problems.push(`Front matter needs \`${key}\` (a string).`);
    return key === 'id' ? fallbackId : '';
  };
  const number = (key: string): number => {
    const v = fields[key];
    if (typeof v === 'number') return v;
    problems.push(`Front matter needs \`${key}\` (a number).`);
    return 0;
  };
  const list = (key: string): string[] => {
    const v = fields[key];
    if (Array.isArray(v)) return v;
    problems.push(`Front matter needs \`${key}\` (a list, e.g. [a, b] or []).`);
    return [];
  };
  const meta: LessonMeta = {
    id: text('id'),
    title: text('title'),
    part: number('part'),
    prerequisites: list('prerequisites'),
    modules: list('modules'),
    minutes: number('minutes'),
  };
  return { meta, problems };
}
