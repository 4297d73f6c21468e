/** What cells produce: outputs to display, and the results of exercise tests. Plain JSON. */
import type { ChartSpec } from 'descent/plot';

export type Output =
  | { kind: 'text'; text: string; label?: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; label?: string }
  /** A chart: its Vega-Lite spec (for interactive rendering) and the SVG rendered from it. */
  | { kind: 'chart'; spec: ChartSpec; svg: string; label?: string };

export interface TestResult {
  name: string;
  passed: boolean;
  /** The assertion's message when the test failed. */
  error?: string;
}
