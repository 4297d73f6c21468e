// BPE (character and byte level) and WordPiece: hand-checked examples, a naive reference
// trainer for the incremental one, and fast-check round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../src/text/analyzer.js';
import { BPETokenizer, ByteLevelBPE, WordPiece, applyMerges, basicTokenize, bytesToUnicode, learnMerges, mergeRanks, type Merge } from '../../src/text/index.js';
import { loadTinyText } from '../../src/datasets/index.js';

/** The obvious trainer: recount every pair after each merge, take the max count, ties by code point. */
function naiveMerges(words: [string[], number][], n: number): Merge[] {
  const ws = words.map(([s, c]) => [s.slice(), c] as [string[], number]);
  const out: Merge[] = [];
  while (out.length < n) {
    const counts = new Map<string, [string, string, number]>();
    for (const [s, c] of ws) {
      for (let i = 0; i + 1 < s.length; i++) {
        const k = JSON.stringify([s[i], s[i + 1]]);
        const e = counts.get(k) ?? [s[i], s[i + 1], 0];
        e[2] += c;
        counts.set(k, e);
      }
    }
    const all = Array.from(counts.values()).sort((x, y) => y[2] - x[2] || compareCodePoints(x[0], y[0]) || compareCodePoints(x[1], y[1]));
    if (!all.length) break;
    const [a, b] = all[0];
    out.push([a, b]);
    for (const w of ws) {
      const s: string[] = [];
      for (let i = 0; i < w[0].length; i++) {
        if (w[0][i] === a && w[0][i + 1] === b) { s.push(a + b); i++; } else s.push(w[0][i]);
      }
      w[0] = s;
    }
  }
  return out;
}

/** Replays merges in learned order over a symbol list: the definition `applyMerges` must equal. */
function replay(symbols: string[], merges: readonly Merge[]): string[] {
  let s = symbols;
  for (const [a, b] of merges) {
    const o: string[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === a && s[i + 1] === b) { o.push(a + b); i++; } else o.push(s[i]);
    }
    s = o;
  }
  return s;
}

const word = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 7 });

describe('BPE merges', () => {
  it('learns Sennrich et al.\'s toy example: es, est, est</w>, lo, low first', () => {
    const words = new Map([['l o w </w>', 5], ['l o w e r </w>', 2], ['n e w e s t </w>', 6], ['w i d e s t </w>', 3]]);
    expect(learnMerges(words, 5)).toEqual([['e', 's'], ['es', 't'], ['est', '</w>'], ['l', 'o'], ['lo', 'w']]);
  });
  it('the incremental trainer equals a naive recount-per-merge trainer', () => {
    fc.assert(fc.property(fc.array(fc.tuple(word, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 12 }), (ws, n) => {
      expect(learnMerges(ws, n, 1)).toEqual(naiveMerges(ws, n));
    }), { numRuns: 200 });
  });
  it('encoding by rank equals replaying the merges in order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(word, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 6 }), word, (ws, w) => {
      const merges = learnMerges(ws, 8, 1);
      expect(applyMerges(w, mergeRanks(merges))).toEqual(replay(w, merges));
    }), { numRuns: 200 });
  });
});

const text = loadTinyText().text;

describe('BPETokenizer', () => {
  const bpe = BPETokenizer.train([text], { vocabSize: 400 });
  it('trains to the requested size and compresses its corpus', () => {
    expect(bpe.idToToken.length).toBe(400);
    const words = text.split(/\s+/u).filter(Boolean);
    const chars = words.reduce((s, w) => s + w.length + 1, 0);
    // Measured: 2.58 characters (spaces included) per token at 400 tokens on the tiny text.
    expect(chars / bpe.encode(text).length).toBeGreaterThan(2.5);
  });
  it('round-trips text over its alphabet (whitespace runs become single spaces)', () => {
    const alphabet = Array.from(new Set(Array.from(text.replace(/\s/gu, ''))));
    fc.assert(fc.property(fc.array(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 10 }).map((a) => a.join('')), { maxLength: 8 }),
      fc.constantFrom(' ', '  ', '\n', '\t '), (ws, sep) => {
        expect(bpe.decode(bpe.encode(ws.join(sep)))).toBe(ws.join(' '));
      }));
  });
  it('unknown characters become <unk>', () => {
    expect(bpe.tokenize('q€')).toContain('<unk>');
    expect(() => bpe.decode([99999])).toThrow(/id 99999 is not in the vocabulary/);
  });
});

describe('ByteLevelBPE', () => {
  const tok = ByteLevelBPE.train([text], { vocabSize: 512 });
  it('uses GPT-2\'s byte table and learns merges', () => {
    const table = bytesToUnicode();
    expect(new Set(table).size).toBe(256);
    expect([table[32], table[10], table[65], table[0]]).toEqual(['Ġ', 'Ċ', 'A', 'Ā']);
    expect(tok.idToToken.length).toBe(512);
    expect(tok.tokenize(' the')).toEqual(['Ġthe']);
  });
  it('round-trips any Unicode string exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      expect(tok.decode(tok.encode(s))).toBe(s);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (s) => {
      expect(tok.decode(tok.encode(s))).toBe(s);
    }), { numRuns: 300 });
  });
});

describe('WordPiece', () => {
  it('splits greedily, longest match first, as in the BERT paper example', () => {
    const wp = new WordPiece(['[UNK]', 'un', 'aff', '##aff', '##able', 'want', '##ed', ',']);
    expect(wp.tokenize('Unaffable, wanted')).toEqual(['un', '##aff', '##able', ',', 'want', '##ed']);
    expect(wp.tokenize('unwanted')).toEqual(['[UNK]']);
    expect(wp.decode(wp.encode('unaffable wanted'))).toBe('unaffable wanted');
  });
  it('a trained vocabulary round-trips text (basic tokens joined by spaces)', () => {
    const wp = WordPiece.train([text], { vocabSize: 600 });
    expect(wp.idToToken.length).toBe(600);
    const alphabet = Array.from(new Set(Array.from(text.toLowerCase().replace(/\s/gu, ''))));
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet, ' '), { maxLength: 40 }).map((a) => a.join('')), (s) => {
      expect(wp.decode(wp.encode(s))).toBe(basicTokenize(s).join(' '));
    }));
    // Merged pieces are used: measured 0.75 tokens per character on the training text's start
    // (0.87 at 300 tokens, 0.63 at 1000; WordPiece's score prefers rare pairs, so it compresses
    // less than BPE at the same size).
    const sample = text.slice(0, 2000);
    expect(wp.encode(sample).length).toBeLessThan(basicTokenize(sample).join('').length * 0.8);
  });
});
