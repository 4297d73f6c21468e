// The Porter stemmer against NLTK 3.8's PorterStemmer(mode=ORIGINAL_ALGORITHM) on 6,000
// words sampled from Debian's wamerican word list (tools/fixtures/text.py writes porter.json),
// plus the worked examples printed in Porter (1980).
import { describe, expect, it } from 'vitest';
import { lemmatize, porterMeasure, porterStem } from '../../src/text/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fx = loadFixture<{ source: string; pairs: [string, string][] }>('porter.json');

describe('porterStem', () => {
  it('matches NLTK ORIGINAL_ALGORITHM on 6,000 dictionary words', () => {
    expect(fx.pairs.length).toBe(6000);
    const wrong = fx.pairs.filter(([w, s]) => porterStem(w) !== s).map(([w, s]) => `${w}: ${porterStem(w)} != ${s}`);
    expect(wrong).toEqual([]);
  });
  it('reproduces the examples in Porter (1980)', () => {
    const examples: [string, string][] = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'ti'], ['caress', 'caress'], ['cats', 'cat'],
      ['feed', 'feed'], ['agreed', 'agre'], ['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'], ['sing', 'sing'],
      ['conflated', 'conflat'], ['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'], ['tanned', 'tan'],
      ['falling', 'fall'], ['hissing', 'hiss'], ['fizzed', 'fizz'], ['failing', 'fail'], ['filing', 'file'],
      ['happy', 'happi'], ['sky', 'sky'], ['relational', 'relat'], ['conditional', 'condit'], ['valenci', 'valenc'],
      ['digitizer', 'digit'], ['triplicate', 'triplic'], ['formative', 'form'], ['electrical', 'electr'],
      ['revival', 'reviv'], ['allowance', 'allow'], ['inference', 'infer'], ['adoption', 'adopt'], ['controll', 'control'],
      ['generalizations', 'gener'], ['oscillators', 'oscil'],
    ];
    for (const [w, s] of examples) expect(porterStem(w), w).toBe(s);
  });
  it('measures m as in the paper', () => {
    expect(['tr', 'ee', 'tree', 'y', 'by'].map(porterMeasure)).toEqual([0, 0, 0, 0, 0]);
    expect(['trouble', 'oats', 'trees', 'ivy'].map(porterMeasure)).toEqual([1, 1, 1, 1]);
    expect(['troubles', 'private', 'oaten', 'orrery'].map(porterMeasure)).toEqual([2, 2, 2, 2]);
  });
});

describe('lemmatize', () => {
  it('looks up irregular forms by part of speech', () => {
    expect(lemmatize('mice')).toBe('mouse');
    expect(lemmatize('went', 'verb')).toBe('go');
    expect(lemmatize('went', 'noun')).toBe('went');
    expect(lemmatize('better', 'adj')).toBe('good');
  });
  it('applies regular rules only when the lexicon confirms the result', () => {
    const lexicon = new Set(['box', 'church', 'fly', 'make', 'walk', 'bus', 'big', 'nice']);
    expect(lemmatize('boxes', 'noun', lexicon)).toBe('box');
    expect(lemmatize('churches', 'noun', lexicon)).toBe('church');
    expect(lemmatize('flies', 'verb', lexicon)).toBe('fly');
    expect(lemmatize('making', 'verb', lexicon)).toBe('make');
    expect(lemmatize('walked', 'verb', lexicon)).toBe('walk');
    expect(lemmatize('bus', 'noun', lexicon)).toBe('bus');
    expect(lemmatize('nicer', 'adj', lexicon)).toBe('nice');
    expect(lemmatize('boxes')).toBe('boxes');
  });
});
