/**
 * A lesson's table of contents: its `##` and `###` headings, found in the prose the server
 * rendered, each given an id (a slug of its text) so the contents, and search results, can
 * link to it. Shared by the page and the server's search, so both give a heading the same id.
 *
 * @example
 * const { html, toc } = addHeadingIds(['<h2>The chain rule</h2><p>…</p>']);
 * // html[0] === '<h2 id="the-chain-rule">The chain rule</h2><p>…</p>'; toc[0] === { id: 'the-chain-rule', level: 2, html: 'The chain rule' }
 */
export interface TocEntry {
  id: string;
  level: 2 | 3;
  /** The heading's inner HTML (it may hold rendered math). */
  html: string;
}

/** Visible text of HTML: tags dropped, KaTeX's MathML copy skipped, entities decoded for the common ones. */
function textOf(html: string): string {
  return html
    .replace(/<annotation[\s\S]*?<\/annotation>|<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;|&quot;/g, '');
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
}

/** The prose blocks with ids on their h2/h3 headings (unique across the lesson), and the contents. */
export function addHeadingIds(proseBlocks: readonly string[]): { html: string[]; toc: TocEntry[] } {
  const used = new Map<string, number>();
  const toc: TocEntry[] = [];
  const html = proseBlocks.map((block) => block.replace(/<h([23])>([\s\S]*?)<\/h\1>/g, (_, level: string, inner: string) => {
    const base = slug(textOf(inner));
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const id = n === 0 ? base : `${base}-${n + 1}`;
    toc.push({ id, level: Number(level) as 2 | 3, html: inner });
    return `<h${level} id="${id}">${inner}</h${level}>`;
  }));
  return { html, toc };
}
