import { describe, expect, it } from 'vitest';
import { addHeadingIds } from '../../src/shared/toc.js';

describe('a lesson\'s table of contents', () => {
  it('gives every h2/h3 a unique id from its text and lists them in order', () => {
    const { html, toc } = addHeadingIds([
      '<p>intro</p><h2>The chain rule</h2><p>x</p><h3>Why it works</h3>',
      '<h2>Gradient descent &amp; the learning rate</h2><h2>The chain rule</h2><h4>not listed</h4>',
    ]);
    expect(toc.map((t) => [t.id, t.level])).toEqual([
      ['the-chain-rule', 2], ['why-it-works', 3], ['gradient-descent-the-learning-rate', 2], ['the-chain-rule-2', 2],
    ]);
    expect(html[0]).toBe('<p>intro</p><h2 id="the-chain-rule">The chain rule</h2><p>x</p><h3 id="why-it-works">Why it works</h3>');
    expect(html[1]).toContain('<h2 id="the-chain-rule-2">The chain rule</h2><h4>not listed</h4>');
  });

  it('slugs the visible text of a heading with math, not KaTeX\'s MathML copy', () => {
    const heading = '<h2>Choosing <span class="katex"><span class="katex-mathml"><math><semantics><mi>k</mi><annotation encoding="application/x-tex">k</annotation></semantics></math></span><span class="katex-html">k</span></span></h2>';
    expect(addHeadingIds([heading]).toc[0]!.id).toBe('choosing-k');
  });
});
