/**
 * Time series that ship with Descent (generated from statsmodels' copies by
 * tools/fixtures/timeseries_datasets.py): the Nile's annual flow, yearly sunspot numbers,
 * and monthly Mauna Loa CO₂. Each loader returns the values with their dates. `makeAirline`
 * generates an airline-style series (growth with multiplicative seasonality) from a seed.
 */
import { Generator } from '../random/index.js';
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

export interface AirlineOptions {
  /** Years of monthly data (default 12, as in Box and Jenkins' airline series). */
  years?: number;
  /** The first month's level (default 110). */
  level?: number;
  /** Growth per year on the log scale (default 0.12, about 13% a year). */
  growth?: number;
  /** Standard deviation of the monthly log-scale noise (default 0.03). */
  noise?: number;
  seed?: number;
}

/**
 * A monthly series in the style of Box and Jenkins' airline passengers (1976): steady
 * exponential growth and a yearly cycle whose swing grows with the level (multiplicative
 * seasonality), so the log of the series has a linear trend and a constant seasonal
 * pattern, the case the "airline" model SARIMA(0,1,1)(0,1,1)₁₂ on the log was made for.
 * Generated, not recorded: log yₜ = log(level) + growth·t/12 + s(month) + uₜ with a fixed
 * summer-peaked profile s (from −0.20 in November to +0.22 in July) and AR(1) noise uₜ = 0.5·uₜ₋₁ + ε, ε ~ N(0, noise²).
 * Dates start in 1949-01, as the original's do.
 *
 * ```ts
 * const air = makeAirline({ seed: 0 });
 * air.values.length;   // 144
 * ```
 */
export function makeAirline(options: AirlineOptions = {}): TimeSeriesDataset {
  const years = options.years ?? 12;
  const level = options.level ?? 110;
  const growth = options.growth ?? 0.12;
  const noise = options.noise ?? 0.03;
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`makeAirline: years must be an integer >= 1, got ${years}`);
  if (!(level > 0) || !Number.isFinite(level)) throw new RangeError(`makeAirline: level must be a positive number, got ${level}`);
  if (!Number.isFinite(growth)) throw new RangeError(`makeAirline: growth must be a finite number, got ${growth}`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new RangeError(`makeAirline: noise must be a finite number >= 0, got ${noise}`);
  // A summer peak (July–August) and a winter trough (November, February), zero mean over the year.
  const profile = [-0.10, -0.14, 0.0, -0.02, -0.01, 0.12, 0.22, 0.21, 0.07, -0.07, -0.20, -0.08];
  const gen = new Generator(options.seed ?? 0);
  const values: number[] = [];
  let u = 0;
  for (let t = 0; t < 12 * years; t++) {
    u = 0.5 * u + gen.normal(0, noise);
    values.push(Math.exp(Math.log(level) + (growth * t) / 12 + profile[t % 12] + u));
  }
  const index = values.map((_, i) => `${1949 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return { index, values, freq: 'M' };
}
