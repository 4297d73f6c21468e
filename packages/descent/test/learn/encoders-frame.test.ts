// The categorical encoders read a DataFrame with string columns directly (the penguins table),
// giving the same result as the same values passed as nested arrays.
import { describe, expect, it } from 'vitest';
import { OneHotEncoder, OrdinalEncoder } from '../../src/learn/index.js';
import { loadPenguins } from '../../src/datasets/index.js';

describe('encoders on a DataFrame', () => {
  const cat = loadPenguins().frame.select(['island', 'species']);
  const rows = cat.toRows() as string[][];

  it('OneHotEncoder: same categories and output as from nested arrays', () => {
    const a = new OneHotEncoder().fit(cat);
    const b = new OneHotEncoder().fit(rows);
    expect(a.categories_).toEqual([['Biscoe', 'Dream', 'Torgersen'], ['Adelie', 'Chinstrap', 'Gentoo']]);
    expect(a.transform(cat)).toEqual(b.transform(rows));
  });

  it('OrdinalEncoder: codes follow the sorted categories', () => {
    const codes = new OrdinalEncoder().fit(cat).transform(cat) as number[][];
    expect(codes[0]).toEqual([2, 0]);   // Torgersen, Adelie
    expect(codes).toEqual(new OrdinalEncoder().fit(rows).transform(rows));
  });
});
