/**
 * Search results that land where the words are (server/search.ts): the section with the most
 * matches and its heading id (the same id the page gives it), an excerpt with KaTeX math
 * rendered and the words in <mark>, math marked whole when its TeX holds a word.
 */
import { describe, expect, it } from 'vitest';
import { Catalog } from '../src/server/catalog.js';
import { markWords } from '../src/server/search.js';
import { FIXTURE_LESSONS } from './helpers.js';

const catalog = new Catalog(FIXTURE_LESSONS);

describe('search hits', () => {
  it('show the prose excerpt with its math rendered and the words marked', () => {
    const [hit] = catalog.search('squared error');
    expect(hit!.id).toBe('01-mean');
    // The opening paragraph, before any heading: the hit opens the lesson at the top.
    expect(hit!.section).toBeUndefined();
    expect(hit!.snippetHtml).toContain('<span class="katex">');
    expect(hit!.snippetHtml).toContain('<mark>squared</mark> <mark>error</mark>');
    expect(hit!.snippetHtml).not.toContain('$');
  });

  it('land on the section whose code has the words, with the code line as the excerpt', () => {
    const [hit] = catalog.search('losses');
    expect(hit!.section).toEqual({ id: 'gradient-descent', title: 'Gradient descent' });
    expect(hit!.snippetHtml).toBe('<code>const <mark>losses</mark>: number[] = [];</code>');
  });

  it('mark a formula whose TeX holds the word', () => {
    const [hit] = catalog.search('frac');
    expect(hit!.snippetHtml).toMatch(/^The mean <mark class="math"><span class="katex">/);
  });

  it('never mark inside tags', () => {
    expect(markWords('<a href="/mark/class">class and mark</a>', ['class', 'mark'])).toBe('<a href="/mark/class"><mark>class</mark> and <mark>mark</mark></a>');
  });
});
