// DataFrame: construction, dtypes, selection, missing values, and use as a matrix; the
// bundled Palmer Penguins table (counts from the palmerpenguins R package's documentation).
import { describe, expect, it } from 'vitest';
import { DataFrame, StandardScaler, TargetEncoder } from '../../src/learn/index.js';
import { loadPenguins } from '../../src/datasets/index.js';

describe('DataFrame', () => {
  const df = DataFrame.fromRecords([
    { species: 'Adelie', bill: 39.1, sex: 'male' },
    { species: 'Gentoo', bill: null, sex: null },
    { species: 'Adelie', bill: 40, sex: 'female' },
  ]);

  it('doc example: dtypes, select, column, missing values', () => {
    expect(df.dtypes()).toEqual({ species: 'string', bill: 'number', sex: 'string' });
    expect(df.select(['bill']).shape).toEqual([3, 1]);
    expect(df.column('bill')).toEqual([39.1, NaN, 40]);
    expect(df.column('sex')).toEqual(['male', null, 'female']);
    expect(df.select([2, 0]).columns).toEqual(['sex', 'species']);
    expect(df.take([2]).toRecords()).toEqual([{ species: 'Adelie', bill: 40, sex: 'female' }]);
    expect(df.fillna({ sex: 'unknown', bill: 0 }).toRows()[1]).toEqual(['Gentoo', 0, 'unknown']);
    expect(DataFrame.fromColumns({ a: [1, 2], b: [3, 4] }).data).toEqual(Float64Array.of(1, 3, 2, 4));
  });

  it('a numeric frame is a matrix to every estimator', () => {
    const num = DataFrame.fromColumns({ a: [0, 0, 1, 1], b: [0, 0, 1, 1] });
    expect(new StandardScaler().fit(num).transform([[2, 2]])).toEqual([[3, 3]]);
  });

  it('TargetEncoder reads string columns of a frame as categories', () => {
    const te = new TargetEncoder({ smooth: 0 }).fit(df.select(['species']), [1.5, 2, 2.5]);
    expect(te.transform(df.select(['species']))).toEqual([[2], [2], [2]]);
    expect(te.encodings_).toEqual([[2, 2]]);
  });

  it('clear errors', () => {
    expect(() => DataFrame.fromColumns({ a: [1, 'x'] })).toThrow(/column 'a' mixes numbers and strings/);
    expect(() => DataFrame.fromColumns({ a: [1], b: [1, 2] })).toThrow(/different lengths \(a: 1, b: 2\)/);
    expect(() => df.select(['nope'])).toThrow(/no column 'nope'. Columns: species, bill, sex/);
    expect(() => df.data).toThrow(/'species', 'sex' hold strings/);
    expect(() => df.fillna({ bill: 'x' })).toThrow(/fill it with a number/);
  });
});

describe('loadPenguins (Palmer Penguins, CC0)', () => {
  it('344 penguins, 8 columns, the documented species counts and missing values', () => {
    const { frame, DESCR } = loadPenguins();
    expect(frame.shape).toEqual([344, 8]);
    expect(frame.dtypes()).toEqual({
      species: 'string', island: 'string', bill_length_mm: 'number', bill_depth_mm: 'number',
      flipper_length_mm: 'number', body_mass_g: 'number', sex: 'string', year: 'number',
    });
    const count = (col: string, v: unknown) => frame.column(col).filter((x) => x === v).length;
    expect([count('species', 'Adelie'), count('species', 'Chinstrap'), count('species', 'Gentoo')]).toEqual([152, 68, 124]);
    expect(frame.column('bill_length_mm').filter((v) => Number.isNaN(v)).length).toBe(2);
    expect(count('sex', null)).toBe(11);
    expect(frame.toRecords()[0]).toEqual({
      species: 'Adelie', island: 'Torgersen', bill_length_mm: 39.1, bill_depth_mm: 18.7, flipper_length_mm: 181, body_mass_g: 3750, sex: 'male', year: 2007,
    });
    expect(DESCR).toMatch(/CC0/);
  });
});
