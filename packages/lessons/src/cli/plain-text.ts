/**
 * A lesson's Markdown and inline TeX as terminal text: `descent lesson run` prints each cell's
 * notice, which is written for the page (KaTeX, code spans, emphasis). Here `$\eta \cdot
 * \nabla L$` becomes `η · ∇L`, `**bold**` and `` `code` `` lose their markers and links keep
 * their text. Unknown commands are left as their name without the backslash: readable, not
 * typeset.
 *
 * @example
 * plainText('Set $\\lambda = \\frac{1}{2}$ with `Ridge`'); // 'Set λ = 1/2 with Ridge'
 */
const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  top: 'ᵀ', partial: '∂', nabla: '∇', sum: 'Σ', prod: 'Π', times: '×', cdot: '·', approx: '≈', leftarrow: '←', rightarrow: '→', to: '→',
  in: '∈', infty: '∞', dots: '…', ldots: '…', cdots: '⋯', pm: '±', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', star: '⋆',
  odot: '⊙', lVert: '‖', rVert: '‖', Vert: '‖', lvert: '|', rvert: '|', mid: '|', propto: '∝', sim: '~', lfloor: '⌊', rfloor: '⌋',
  lceil: '⌈', rceil: '⌉', langle: '⟨', rangle: '⟩', quad: ' ', qquad: '  ', ',': ' ', ';': ' ', '!': '', '{': '{', '}': '}', '%': '%',
};
const SUPERSCRIPT: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻', '+': '⁺', n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', 'ᵀ': 'ᵀ' };

/** A brace group `{...}` starting at `s[i]`, with its end; a command (`\\top`) or a single character otherwise. */
function group(s: string, i: number): [string, number] {
  if (s[i] === '\\') {
    const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
    return [m?.[0] ?? '\\', i + (m?.[0].length ?? 1)];
  }
  if (s[i] !== '{') return [s[i] ?? '', i + 1];
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return [s.slice(i + 1, j), j + 1];
  }
  return [s.slice(i + 1), s.length];
}

const wrap = (x: string) => (/^[\w.ᵀ²³⁻]+$/u.test(x) ? x : `(${x})`);

/** Inline TeX (the inside of `$...$`) as plain Unicode text. */
export function texToText(tex: string): string {
  let out = '';
  let i = 0;
  while (i < tex.length) {
    const c = tex[i]!;
    if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i));
      const name = m?.[1] ?? '';
      i += 1 + name.length;
      if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
        const [a, j] = group(tex, skipSpace(tex, i));
        const [b, k] = group(tex, skipSpace(tex, j));
        out += `${wrap(texToText(a))}/${wrap(texToText(b))}`;
        i = k;
      } else if (name === 'sqrt') {
        const [a, j] = group(tex, skipSpace(tex, i));
        out += `√${wrap(texToText(a))}`;
        i = j;
      } else if (['text', 'mathrm', 'mathbf', 'mathbb', 'mathcal', 'operatorname', 'boldsymbol', 'hat', 'bar', 'tilde', 'vec', 'mathit'].includes(name)) {
        const [a, j] = group(tex, skipSpace(tex, i));
        const inner = name === 'text' ? a : texToText(a);
        out += name === 'hat' ? `${inner}̂` : name === 'bar' ? `${inner}̄` : name === 'mathbb' && inner === 'R' ? 'ℝ' : name === 'mathbb' && inner === 'E' ? '𝔼' : inner;
        i = j;
      } else if (['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'displaystyle'].includes(name)) {
        // sizing only
      } else {
        out += SYMBOLS[name] ?? name;
      }
    } else if (c === '^' || c === '_') {
      const [a, j] = group(tex, i + 1);
      const text = texToText(a);
      const sup = c === '^' && [...text].every((ch) => SUPERSCRIPT[ch] !== undefined) ? [...text].map((ch) => SUPERSCRIPT[ch]).join('') : undefined;
      out += sup ?? (text.length === 1 || text === 'ᵀ' ? `${c === '^' ? '^' : '_'}${text}` : `${c}(${text})`);
      i = j;
    } else if (c === '{' || c === '}') {
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

function skipSpace(s: string, i: number): number {
  while (s[i] === ' ') i++;
  return i;
}

/** Markdown (one paragraph or a few lines) with inline TeX, as one line of terminal text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\$\$([^$]+)\$\$|\$([^$\n]+)\$/g, (_, block: string | undefined, inline: string | undefined) => texToText(block ?? inline ?? ''))
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a: string | undefined, b: string | undefined) => a ?? b ?? '')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*(?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/(^|[\s(])_([^_\s][^_]*)_(?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
