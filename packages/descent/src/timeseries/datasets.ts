/**
 * Time series that ship with Descent (generated from statsmodels' copies by
 * tools/fixtures/timeseries_datasets.py): the Nile's annual flow, yearly sunspot numbers,
 * and monthly Mauna Loa CO₂. Each loader returns the values with their dates.
 */
import { CO2 } from './data/co2.js';
import { NILE } from './data/nile.js';
import { SUNSPOTS } from './data/sunspots.js';

export interface TimeSeriesDataset {
  /** Observation dates: 'YYYY' for yearly series, 'YYYY-MM' for monthly ones. */
  index: string[];
  values: number[];
  /** 'A' (annual) or 'M' (monthly, month start). */
  freq: 'A' | 'M';
}

function load(d: { start: string; freq: string; values: string }): TimeSeriesDataset {
  const values = d.values.split(' ').map(Number);
  const freq = d.freq as 'A' | 'M';
  let index: string[];
  if (freq === 'A') {
    const y0 = Number(d.start);
    index = values.map((_, i) => String(y0 + i));
  } else {
    const [y, m] = d.start.split('-').map(Number);
    index = values.map((_, i) => {
      const k = m - 1 + i;
      return `${y + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    });
  }
  return { index, values, freq };
}

/** Annual flow volume of the Nile at Aswan, 1871–1970 (100 values; public domain). ```ts loadNile().values[0]; // 1120 ``` */
export const loadNile = (): TimeSeriesDataset => load(NILE);
/** Yearly sunspot activity, 1700–2008 (309 values; public domain). ```ts loadSunspots().index[0]; // '1700' ``` */
export const loadSunspots = (): TimeSeriesDataset => load(SUNSPOTS);
/** Monthly mean CO₂ at Mauna Loa, 1958-03 to 2001-12 (526 values). ```ts loadCo2().values.length; // 526 ``` */
export const loadCo2 = (): TimeSeriesDataset => load(CO2);
