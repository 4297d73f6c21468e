/** `@descent/lessons/helpers`: `show`, `table`, `chart`, `test` and the assertions cells call. Browser-safe. */
export { createHelpers, emptyContext, type CellContext, type HelperHost, type Helpers } from './helpers';
export { formatValue, formatNumber, formatCell } from './format';
export { assert, assertClose, assertEqual, assertThrows } from './assert';
export type { Output, TestResult } from './outputs';
