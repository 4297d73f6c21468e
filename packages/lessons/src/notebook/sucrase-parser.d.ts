// Types for the two pieces of Sucrase's parser the cell compiler uses. Sucrase ships them as
// plain JavaScript under dist/ (its public API is only `transform`); these declarations cover
// exactly what `transform.ts` calls.
declare module 'sucrase/dist/parser/index.js' {
  export interface ParsedToken {
    start: number;
    end: number;
  }
  export function parse(input: string, isJSXEnabled: boolean, isTypeScriptEnabled: boolean, isFlowEnabled: boolean): { tokens: ParsedToken[] };
}

declare module 'sucrase/dist/parser/tokenizer/index.js' {
  import type { ParsedToken } from 'sucrase/dist/parser/index.js';
  export function isTopLevelDeclaration(token: ParsedToken): boolean;
}
