/**
 * Search results that show where the words are: each lesson is cut into its sections (the
 * `##`/`###` headings, with the ids the page gives them), the hit lands on the section with the
 * most matches, and its excerpt is the sentence or code line with the match, rendered like the
 * page (KaTeX math included) with the words in `<mark>`.
 */
import { escapeHtml, markdownToHtml } from '@descent/lessons/export';
import type { Lesson } from '@descent/lessons/format';
import { addHeadingIds } from '../shared/toc.js';

export interface Section {
  /** The heading's id on the page; undefined for the text before the first heading. */
  id?: string;
  /** The heading as plain text. */
  title?: string;
  /** Prose paragraphs (Markdown with TeX) and code lines, in page order. */
  paragraphs: string[];
  code: string[];
}

const HEADING = /^(#{2,3})\s+(.+?)\s*#*\s*$/;

/**
 * The lesson's sections. Headings get their ids from `addHeadingIds` over the rendered prose,
 * exactly as the page does, so a link to `#id` lands on the heading the learner sees.
 */
export function lessonSections(lesson: Lesson, proseHtml: readonly string[]): Section[] {
  const toc = addHeadingIds(proseHtml).toc;
  const sections: Section[] = [{ paragraphs: [], code: [] }];
  let headings = 0;
  let first = true;
  for (const block of lesson.blocks) {
    const current = () => sections[sections.length - 1]!;
    if (block.kind === 'cell') {
      current().code.push(...block.cell.code.split('\n').filter((l) => l.trim() !== ''));
      continue;
    }
    const markdown = first ? block.markdown.replace(/^\s*#\s+.*\n/, '') : block.markdown;
    first = false;
    let fenced = false;
    let paragraph: string[] = [];
    const endParagraph = () => {
      if (paragraph.length > 0) current().paragraphs.push(paragraph.join(' '));
      paragraph = [];
    };
    for (const line of markdown.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const heading = fenced ? null : HEADING.exec(line);
      if (heading) {
        endParagraph();
        const entry = toc[headings++];
        sections.push({ paragraphs: [], code: [], ...(entry ? { id: entry.id, title: heading[2]!.replace(/[*_`]/g, '') } : {}) });
      } else if (line.trim() === '' || fenced || /^\s*(```|~~~|\|)/.test(line)) endParagraph(); // tables and fences are not excerpts
      else paragraph.push(line.trim());
    }
    endParagraph();
  }
  // The page's headings and ours must agree one to one; if they do not, land on the lesson.
  if (headings !== toc.length) for (const s of sections) delete s.id;
  return sections;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How many times the words occur in `text` (lower-cased). */
function count(text: string, words: readonly string[]): number {
  const lower = text.toLowerCase();
  return words.reduce((n, w) => n + lower.split(w).length - 1, 0);
}

/** The section with the most occurrences of the words (the first of equals). */
export function bestSection(sections: readonly Section[], words: readonly string[]): Section {
  let best = sections[0]!;
  let most = -1;
  for (const s of sections) {
    const n = count([s.title ?? '', ...s.paragraphs, ...s.code].join('\n'), words);
    if (n > most) [best, most] = [s, n];
  }
  return best;
}

/** Splits Markdown into pieces of text and math (`$…$`, `$$…$$`), so cuts never fall inside math. */
function mathPieces(markdown: string): { math: boolean; text: string }[] {
  return markdown.split(/(\$\$[\s\S]+?\$\$|\$[^$\n]+?\$)/).filter((t) => t !== '').map((text) => ({ math: text.startsWith('$'), text }));
}

/** The sentences of a paragraph (a full stop inside math does not end one). */
function sentences(paragraph: string): string[] {
  const out: string[] = [''];
  for (const piece of mathPieces(paragraph)) {
    if (piece.math) {
      out[out.length - 1] += piece.text;
      continue;
    }
    const parts = piece.text.split(/(?<=[.!?])\s+(?=[A-Z(])/);
    out[out.length - 1] += parts[0];
    out.push(...parts.slice(1));
  }
  return out.filter((s) => s.trim() !== '');
}

const MAX_EXCERPT = 240;

/** The excerpt's Markdown: the paragraph with the most matches, cut to its best sentences. */
function proseExcerpt(paragraphs: readonly string[], words: readonly string[]): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const p of paragraphs) {
    const n = count(p, words);
    if (n > most) [best, most] = [p, n];
  }
  if (best === undefined) return undefined;
  // Display math becomes inline, so an excerpt stays a line or two.
  const flat = best.replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => `$${tex.replace(/\s+/g, ' ').trim()}$`).replace(/^[-*>]\s+|^\d+\.\s+/, '');
  if (flat.length <= MAX_EXCERPT) return flat;
  const list = sentences(flat);
  let at = list.findIndex((s) => count(s, words) > 0);
  if (at < 0) at = 0;
  let excerpt = list[at]!;
  for (let next = at + 1; next < list.length && excerpt.length + list[next]!.length < MAX_EXCERPT; next++) excerpt += ` ${list[next]}`;
  return `${at > 0 ? '… ' : ''}${excerpt}${excerpt.length < flat.length ? ' …' : ''}`;
}

/**
 * Wraps the words in `<mark>` in the text of `html`, leaving tags alone. KaTeX's markup is
 * never searched (its letters are single glyphs); `mathMatches[k]` says whether the k-th
 * formula's TeX holds a word, and then the whole formula is marked.
 */
export function markWords(html: string, words: readonly string[], mathMatches: readonly boolean[] = []): string {
  const pattern = new RegExp(`(${words.map((w) => escapeRegExp(escapeHtml(w))).sort((a, b) => b.length - a.length).join('|')})`, 'gi');
  const tokens = html.split(/(<[^>]+>)/);
  let out = '';
  let formulas = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (/^<span class="katex"/.test(token)) {
      // Find the formula's end by counting spans, then mark it whole if its TeX matches.
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        if (/^<span[\s>]/.test(tokens[j]!)) depth++;
        else if (tokens[j] === '</span>' && --depth === 0) break;
      }
      const formula = tokens.slice(i, j + 1).join('');
      out += mathMatches[formulas++] === true ? `<mark class="math">${formula}</mark>` : formula;
      i = j;
    } else if (token.startsWith('<')) out += token;
    else out += token.replace(pattern, '<mark>$1</mark>');
  }
  return out;
}

/** The excerpt's HTML for a hit: the best prose sentence with math rendered, else the first matching code line. */
export function excerptHtml(section: Section, words: readonly string[]): string {
  const prose = proseExcerpt(section.paragraphs, words);
  if (prose !== undefined) {
    const html = markdownToHtml(prose).trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1');
    const math = mathPieces(prose).filter((p) => p.math).map((p) => count(p.text, words) > 0);
    // Only when every formula was found in the source can the k-th formula be matched to its TeX.
    const formulas = html.split('<span class="katex"').length - 1;
    return markWords(html, words, formulas === math.length ? math : []);
  }
  const line = section.code.find((l) => count(l, words) > 0) ?? section.code[0] ?? '';
  return `<code>${markWords(escapeHtml(line.trim()), words)}</code>`;
}
