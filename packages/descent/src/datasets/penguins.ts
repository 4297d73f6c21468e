/**
 * The Palmer Penguins: 344 penguins of three species from three islands of the Palmer
 * Archipelago, Antarctica, with bill, flipper and body-mass measurements, sex and year —
 * a small real table with categorical columns and missing values, for learning data
 * preparation. Bundled from Debian's r-cran-palmerpenguins (CC0) by tools/fixtures/penguins.py.
 */
import { DataFrame, type Cell } from '../learn/frame.js';
import { csv } from './data/penguins.js';

export const PENGUINS_DESCR = `Palmer Penguins
---------------
344 adult Adélie, Chinstrap and Gentoo penguins observed on Biscoe, Dream and Torgersen
islands (Palmer Archipelago, Antarctica) in 2007–2009.

Columns: species, island, sex (strings); bill_length_mm, bill_depth_mm, flipper_length_mm,
body_mass_g, year (numbers). Missing values: 2 penguins have no measurements at all, and
11 have no recorded sex (NaN for numbers, null for strings).

Source: Gorman KB, Williams TD, Fraser WR (2014). Ecological sexual dimorphism and
environmental variability within a community of Antarctic penguins (genus Pygoscelis).
PLoS ONE 9(3):e90081. Data from Palmer Station Antarctica LTER, packaged by Horst, Hill &
Gorman (palmerpenguins R package, 2020), released under CC0.`;

const NUMERIC = new Set(['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);

/**
 * The penguins as a DataFrame (parsed afresh on each call).
 *
 * ```ts
 * const { frame } = loadPenguins();
 * frame.shape;              // [344, 8]
 * frame.dtypes().island;    // 'string'
 * ```
 */
export function loadPenguins(): { frame: DataFrame; DESCR: string } {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  const rows = lines.map((l) => l.split(','));
  const columns: Record<string, Cell[]> = {};
  names.forEach((n, j) => {
    columns[n] = rows.map((r) => (r[j] === 'NA' ? null : NUMERIC.has(n) ? Number(r[j]) : r[j]));
  });
  return { frame: DataFrame.fromColumns(columns), DESCR: PENGUINS_DESCR };
}
