/**
 * The code editor for cells: CodeMirror 6 with TypeScript highlighting. Loaded on demand (this
 * module is its own chunk), so the page shows highlighted code at once and the editor takes
 * over a moment later.
 *
 * Keys: Shift+Enter runs the cell, Ctrl/Cmd+S saves now, Tab and Shift+Tab indent. To leave
 * the editor with the keyboard, press Esc and then Tab (CodeMirror's escape from Tab
 * capture); indentation follows the line above on Enter.
 *
 * With `source`, the editor also gets TypeScript's help (language.ts): completion, hover
 * documentation and type errors, from a worker that starts on the first focus.
 */
import { completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentLess, indentMore, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import { classHighlighter } from '@lezer/highlight';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import type { CellSource } from '../../worker/language-protocol.js';
import { languageHelp } from './language.js';

export interface EditorOptions {
  parent: HTMLElement;
  code: string;
  label: string;
  readOnly?: boolean;
  onChange?(code: string): void;
  onRun?(): void;
  onSave?(): void;
  /** The code of the cells above, for TypeScript's help; without it there is none. */
  codeAbove?(): string;
}

export interface CellEditor {
  getCode(): string;
  setCode(code: string): void;
  focus(): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': { fontSize: '13.5px', backgroundColor: 'var(--code-bg)' },
  '.cm-content': { fontFamily: 'var(--code-font)', padding: '10px 0' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', border: 'none' },
  '&.cm-focused': { outline: 'none' },
  '.cm-activeLine': { backgroundColor: 'rgba(43, 108, 176, 0.06)' },
});

export function createEditor(options: EditorOptions): CellEditor {
  const run = () => {
    options.onRun?.();
    return true;
  };
  const save = () => {
    options.onSave?.();
    return true;
  };
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.code,
      extensions: [
        Prec.highest(keymap.of([
          { key: 'Shift-Enter', run },
          { key: 'Mod-Enter', run },
          { key: 'Mod-s', run: save, preventDefault: true },
          { key: 'Mod-]', run: indentMore },
          { key: 'Mod-[', run: indentLess },
        ])),
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        // Also the tok-* classes the static highlighting uses, which the dark theme recolours.
        syntaxHighlighting(classHighlighter),
        javascript({ typescript: true }),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        options.codeAbove === undefined ? [] : languageHelp((v): CellSource => ({ prefix: options.codeAbove!(), code: v.state.doc.toString() })),
        EditorState.readOnly.of(options.readOnly ?? false),
        EditorView.editable.of(!(options.readOnly ?? false)),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
        theme,
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      if (code !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
