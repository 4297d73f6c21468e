/**
 * Chunking: cutting documents into passages small enough to embed and to paste into a
 * prompt, the first step of retrieval-augmented generation (Lewis et al. 2020 split
 * Wikipedia into 100-word passages). Three strategies, from blind to structure-aware:
 *
 * - `chunkFixed`: windows of `size` characters that overlap by `overlap`, so a sentence cut
 *   at one window's edge is whole in the next. Simple and predictable; ignores meaning.
 * - `chunkSentences`: whole sentences packed greedily up to `maxChars`, repeating the last
 *   `overlap` sentences at the start of the next chunk.
 * - `chunkMarkdown`: one chunk per heading section, carrying its heading path
 *   ("Transformers > The KV cache"); a section longer than `maxChars` is split by sentences.
 *
 * Every chunk records where it came from (`start`, `end`: character offsets into the input),
 * so a retrieved passage can be cited.
 */
import { sentTokenize } from './tokenize.js';

export interface Chunk {
  text: string;
  /** Offsets into the original text: `text === original.slice(start, end)` for fixed chunks. */
  start: number;
  end: number;
  /** For markdown chunks: the headings above the chunk, outermost first, joined by " > ". */
  heading?: string;
}

function checkCount(fn: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
}

/**
 * Windows of `size` characters, each starting `size − overlap` after the previous one; the
 * last window ends at the end of the text.
 *
 * ```ts
 * chunkFixed('abcdefghij', { size: 4, overlap: 1 }).map((c) => c.text);   // ['abcd', 'defg', 'ghij']
 * ```
 */
export function chunkFixed(text: string, options: { size?: number; overlap?: number } = {}): Chunk[] {
  const size = options.size ?? 500;
  const overlap = options.overlap ?? Math.floor(size / 10);
  checkCount('chunkFixed', 'size', size, 1);
  checkCount('chunkFixed', 'overlap', overlap, 0);
  if (overlap >= size) throw new RangeError(`chunkFixed: overlap (${overlap}) must be smaller than size (${size}), or the windows never advance`);
  const out: Chunk[] = [];
  for (let start = 0; start < text.length; start += size - overlap) {
    const end = Math.min(start + size, text.length);
    out.push({ text: text.slice(start, end), start, end });
    if (end === text.length) break;
  }
  return out;
}

/** Sentences of `text` with their offsets (sentTokenize's sentences, located in order). */
function sentenceSpans(text: string, offset = 0): Chunk[] {
  const spans: Chunk[] = [];
  let from = 0;
  for (const s of sentTokenize(text)) {
    const at = text.indexOf(s, from);
    const start = at < 0 ? from : at;
    from = start + s.length;
    spans.push({ text: s, start: offset + start, end: offset + from });
  }
  return spans;
}

/**
 * Whole sentences packed into chunks of at most `maxChars` characters (a single longer
 * sentence is its own chunk); consecutive chunks share `overlap` sentences.
 *
 * ```ts
 * chunkSentences('One. Two is here. Three.', { maxChars: 16, overlap: 0 }).map((c) => c.text);
 * // ['One.', 'Two is here.', 'Three.']   ('One. Two is here.' would be 17 characters)
 * ```
 */
export function chunkSentences(text: string, options: { maxChars?: number; overlap?: number } = {}): Chunk[] {
  const maxChars = options.maxChars ?? 500;
  const overlap = options.overlap ?? 0;
  checkCount('chunkSentences', 'maxChars', maxChars, 1);
  checkCount('chunkSentences', 'overlap', overlap, 0);
  return packSentences(sentenceSpans(text), maxChars, overlap);
}

function packSentences(spans: Chunk[], maxChars: number, overlap: number, heading?: string): Chunk[] {
  const out: Chunk[] = [];
  let i = 0;
  while (i < spans.length) {
    let j = i + 1;
    while (j < spans.length && spans[j].end - spans[i].start <= maxChars) j++;
    const start = spans[i].start, end = spans[j - 1].end;
    out.push({ text: spans.slice(i, j).map((s) => s.text).join(' '), start, end, ...(heading === undefined ? {} : { heading }) });
    if (j === spans.length) break;
    i = Math.max(i + 1, j - overlap); // always advance, even if overlap ≥ the chunk's sentences
  }
  return out;
}

/**
 * One chunk per Markdown section (a `#`…`######` heading and the text up to the next
 * heading; `#` lines inside ``` fences are code, not headings). Each chunk's `heading` is its
 * heading path; its text starts with the heading line. Sections longer than `maxChars` are
 * split by sentences, each piece keeping the heading path. Empty sections are dropped.
 *
 * ```ts
 * chunkMarkdown('# A\nintro\n## B\nbody').map((c) => c.heading);   // ['A', 'A > B']
 * ```
 */
export function chunkMarkdown(text: string, options: { maxChars?: number } = {}): Chunk[] {
  const maxChars = options.maxChars ?? 2000;
  checkCount('chunkMarkdown', 'maxChars', maxChars, 1);
  const sections: { start: number; end: number; path: string[] }[] = [];
  const path: string[] = [];
  let inFence = false, sectionStart = 0, offset = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) {
      sections.push({ start: sectionStart, end: offset, path: path.slice() });
      path.length = m[1].length - 1; // drop deeper or equal levels, keep the ancestors
      path[m[1].length - 1] = m[2];
      sectionStart = offset;
    }
    offset += line.length + 1;
  }
  sections.push({ start: sectionStart, end: text.length, path: path.slice() });
  const out: Chunk[] = [];
  for (const { start, end, path: p } of sections) {
    const body = text.slice(start, end);
    if (!body.trim()) continue;
    const heading = p.filter((h) => h !== undefined).join(' > ');
    if (body.length <= maxChars) out.push({ text: body.trim(), start, end, heading });
    else out.push(...packSentences(sentenceSpans(body, start), maxChars, 0, heading));
  }
  return out;
}
