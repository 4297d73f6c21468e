/**
 * The lessons on disk, as the app shows them: every `lessons/NN-slug.md` parsed, its prose
 * rendered to HTML with KaTeX math (rendering Markdown is not running learner code), its
 * code highlighted for the moment before the editor loads, and the curriculum map from
 * `lessons/curriculum.json`. Files are re-read when they change, so lessons written while
 * the server runs appear on the next page load.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { highlightTs, markdownToHtml } from '@descent/lessons/export';
import { parseLesson, type Lesson } from '@descent/lessons/format';
import type { BlockView, CellView, LessonView, SearchHit } from '../shared/api.js';
import { bestSection, excerptHtml, lessonSections, type Section } from './search.js';

/** Lesson files are `NN-slug.md`, as the lesson runner names them. */
const LESSON_FILE = /^(\d{2})-[a-z0-9-]+\.md$/;

export interface CurriculumEntry {
  number: number;
  title: string;
  summary: string;
}

export interface CurriculumFile {
  parts: { number: number; title: string; lessons: CurriculumEntry[] }[];
}

/** A parsed lesson with everything the page needs except the learner's own state. */
export interface CatalogLesson {
  lesson: Lesson;
  number: number;
  view: Omit<LessonView, 'state' | 'previous' | 'next' | 'partTitle'>;
  /** Prose and code as plain text, for search snippets; with the title, lower-cased, for matching. */
  text: string;
  lower: string;
  /** The lesson cut at its headings, for landing search results on the right one. */
  sections: Section[];
}

/** A short, stable hash of a cell's code (hex, 16 characters). */
export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 16);
}

function stripHtml(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');
}

function build(lesson: Lesson, number: number): CatalogLesson {
  const cells: CellView[] = lesson.cells.map((c) => {
    const view: CellView = { index: c.index, role: c.role, code: c.code, hash: hashCode(c.code), html: highlightTs(c.code) };
    if (c.exercise !== undefined) view.exercise = c.exercise;
    if (c.note !== undefined) view.noteHtml = markdownToHtml(c.note);
    return view;
  });
  const blocks: BlockView[] = [];
  const prose: string[] = [];
  for (const block of lesson.blocks) {
    if (block.kind === 'cell') {
      blocks.push({ kind: 'cell', index: block.cell.index });
      continue;
    }
    // The page header shows the title, so a leading "# Title" is not repeated.
    const markdown = blocks.length === 0 ? block.markdown.replace(/^\s*#\s+.*\n/, '') : block.markdown;
    prose.push(markdown);
    blocks.push({ kind: 'prose', html: markdownToHtml(markdown) });
  }
  const { meta } = lesson;
  const text = stripHtml([...prose, ...lesson.cells.map((c) => c.code)].join('\n'))
    .replace(/[*`#]+/g, '').replace(/\s+/g, ' ').trim();
  return {
    lesson,
    number,
    text,
    lower: `${meta.title} ${text}`.toLowerCase(),
    sections: lessonSections(lesson, blocks.flatMap((b) => (b.kind === 'prose' ? [b.html] : []))),
    view: {
      id: meta.id, number, title: meta.title, part: meta.part, minutes: meta.minutes,
      prerequisites: meta.prerequisites, modules: meta.modules, blocks, cells,
      exercises: lesson.exercises.map((e) => ({ id: e.id, starter: e.starter.index, solution: e.solution.index, test: e.test.index })),
      problems: lesson.problems,
    },
  };
}

export class Catalog {
  private readonly cache = new Map<string, { mtimeMs: number; entry: CatalogLesson }>();
  private curriculumCache: { mtimeMs: number; value: CurriculumFile } | undefined;

  constructor(readonly lessonsDir: string) {}

  /** Every lesson file's id, in curriculum order. */
  ids(): string[] {
    if (!existsSync(this.lessonsDir)) return [];
    return readdirSync(this.lessonsDir).filter((f) => LESSON_FILE.test(f)).sort().map((f) => f.slice(0, -3));
  }

  /**
   * The lesson `id`, parsed and rendered (cached until the file changes); undefined if absent.
   * One `stat` a call: the name is checked against the lesson-file pattern (no `/` or `..`
   * gets through) rather than by listing the folder, which made `all()` list it once per
   * lesson — a fifth of the server's CPU under the class load test.
   */
  get(id: string): CatalogLesson | undefined {
    if (!LESSON_FILE.test(`${id}.md`)) return undefined;
    const file = join(this.lessonsDir, `${id}.md`);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isFile()) return undefined;
    const { mtimeMs } = stat;
    const cached = this.cache.get(id);
    if (cached && cached.mtimeMs === mtimeMs) return cached.entry;
    const entry = build(parseLesson(readFileSync(file, 'utf8'), `lessons/${id}.md`), Number(id.slice(0, 2)));
    this.cache.set(id, { mtimeMs, entry });
    return entry;
  }

  all(): CatalogLesson[] {
    return this.ids().map((id) => this.get(id)).filter((l): l is CatalogLesson => l !== undefined);
  }

  /** The curriculum map, or one built from the lessons' own front matter if the file is missing. */
  curriculum(): CurriculumFile {
    const file = join(this.lessonsDir, 'curriculum.json');
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat !== undefined) {
      // Parsed once per version of the file; callers only read it.
      if (this.curriculumCache?.mtimeMs !== stat.mtimeMs) {
        this.curriculumCache = { mtimeMs: stat.mtimeMs, value: JSON.parse(readFileSync(file, 'utf8')) as CurriculumFile };
      }
      return this.curriculumCache.value;
    }
    const parts = new Map<number, CurriculumEntry[]>();
    for (const l of this.all()) {
      const list = parts.get(l.view.part) ?? [];
      list.push({ number: l.number, title: l.view.title, summary: '' });
      parts.set(l.view.part, list);
    }
    return { parts: [...parts].sort(([a], [b]) => a - b).map(([number, lessons]) => ({ number, title: `Part ${number}`, lessons })) };
  }

  /**
   * Lessons containing every word of `query`, best first: a title match counts most, then
   * how often the words occur. Each hit names the section with the most matches and shows
   * its best sentence (math rendered, words marked).
   */
  search(query: string, limit = 20): SearchHit[] {
    const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    if (words.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const l of this.all()) {
      if (!words.every((w) => l.lower.includes(w))) continue;
      const title = l.view.title.toLowerCase();
      let score = 0;
      for (const w of words) {
        if (title.includes(w)) score += 10;
        score += Math.min(10, l.lower.split(w).length - 1);
      }
      // The excerpt around the first word's first place in the text (or the opening, if only the title has it).
      const at = Math.max(0, l.text.toLowerCase().indexOf(words[0]));
      const start = Math.max(0, at - 60);
      const snippet = `${start > 0 ? '…' : ''}${l.text.slice(start, at + words[0].length + 80).trim()}…`;
      const section = bestSection(l.sections, words);
      const hit: SearchHit = { id: l.view.id, number: l.number, title: l.view.title, snippet, snippetHtml: excerptHtml(section, words), score };
      if (section.id !== undefined) hit.section = { id: section.id, title: section.title ?? '' };
      hits.push(hit);
    }
    return hits.sort((a, b) => b.score - a.score || a.number - b.number).slice(0, limit);
  }
}
