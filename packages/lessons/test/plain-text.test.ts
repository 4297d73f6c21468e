// `descent lesson run` prints each cell's notice: Markdown and TeX written for the page, as
// readable terminal text (before: "$\eta \nabla L$" and "**bold**" printed as written).
import { describe, expect, it } from 'vitest';
import { plainText, texToText } from '../src/cli/plain-text.js';

describe('notices in the terminal', () => {
  it('turns inline TeX into Unicode', () => {
    expect(texToText('w \\leftarrow w - \\eta \\nabla L(w)')).toBe('w ← w - η ∇ L(w)');
    expect(texToText('\\lambda = \\frac{1}{2}')).toBe('λ = 1/2');
    expect(texToText('\\tfrac{a+b}{n}')).toBe('(a+b)/n');
    expect(texToText('X^\\top X')).toBe('Xᵀ X');
    expect(texToText('x^2 + 10^{-3} + e^{-x}')).toBe('x² + 10⁻³ + e^(-x)');
    expect(texToText('\\hat{y}_i')).toBe('y\u0302_i'); // y with a combining circumflex
    expect(texToText('\\sqrt{d_k}')).toBe('√d_k');
    expect(texToText('\\sqrt{a + b}')).toBe('√(a + b)');
    expect(texToText('\\operatorname{softmax}(z) \\in \\mathbb{R}^{d}')).toBe('softmax(z) ∈ ℝ^d');
    expect(texToText('\\left( a \\right)')).toBe('( a )');
  });

  it('drops Markdown markers and keeps link text, on one line', () => {
    expect(plainText('$k = 1$ draws **islands** with `KNeighborsClassifier`,\nsee [lesson 10](10-x.md) and *why*.'))
      .toBe('k = 1 draws islands with KNeighborsClassifier, see lesson 10 and why.');
    expect(plainText('a_b and x * y stay')).toBe('a_b and x * y stay');
  });

  it('leaves no $, backslash command or ** in the real lessons\' notices', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const { parseLesson } = await import('../src/format/index.js');
    const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
    let notes = 0;
    for (const f of readdirSync(dir).filter((n) => /^\d\d-.*\.md$/.test(n))) {
      const lesson = parseLesson(readFileSync(`${dir}${f}`, 'utf8'), f);
      for (const cell of lesson.cells) {
        if (cell.note === undefined) continue;
        notes++;
        expect(plainText(cell.note), `${f} cell ${cell.index}`).not.toMatch(/\$|\\[a-zA-Z]+|\*\*|`/);
      }
    }
    expect(notes).toBeGreaterThan(20);
  });
});
