/**
 * Messages between the cell editors and the TypeScript worker (language-worker.ts). Every
 * request carries the code of the cells above (`prefix`) and the cell's own code, so the
 * worker checks the cell as the notebook runs it: after every cell above.
 */
export interface CellSource {
  prefix: string;
  code: string;
}

export type LanguageRequest = CellSource & { id: number } & (
  | { type: 'diagnostics' }
  | { type: 'completions'; pos: number }
  | { type: 'completion-detail'; pos: number; name: string }
  | { type: 'hover'; pos: number }
);

export interface CellDiagnostic {
  /** Offsets in the cell's code. */
  from: number;
  to: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CompletionList {
  /** Where the word being completed starts, in the cell. */
  from: number;
  options: { label: string; kind: string }[];
}

export interface Documentation {
  /** The signature or type, as TypeScript prints it. */
  detail: string;
  /** The JSDoc text, with its @example blocks. */
  documentation: string;
}

export type Hover = Documentation & { from: number; to: number };

export type LanguageResponse =
  | { id: number; type: 'diagnostics'; diagnostics: CellDiagnostic[] }
  | { id: number; type: 'completions'; list: CompletionList | null }
  | { id: number; type: 'completion-detail'; doc: Documentation | null }
  | { id: number; type: 'hover'; hover: Hover | null }
  | { id: number; type: 'error'; message: string };
