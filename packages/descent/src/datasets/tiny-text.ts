/**
 * A small public-domain English text for character-level language models: the first twelve
 * chapters of the Dhammapada in F. Max Müller's 1881 translation (about 25,000 ASCII
 * characters, 69 distinct). Source, public-domain status and the exact preparation are in
 * the header of `./data/tiny-text.ts` and in `tools/fixtures/tiny_text.py`, which wrote it.
 */
import { tinyText } from './data/tiny-text.js';

export interface TinyText {
  /** The whole text: chapter titles, then one verse per line, verses separated by blank lines. */
  text: string;
  title: string;
  /** Where it comes from and why it may be shipped. */
  source: string;
}

/**
 * The bundled text, for training small character-level models in lessons and tests.
 *
 * ```ts
 * const { text } = loadTinyText();
 * const vocab = [...new Set(text)].sort();   // 69 characters
 * text.slice(0, 26);                         // 'Chapter 1: The Twin-Verses'
 * ```
 */
export function loadTinyText(): TinyText {
  return {
    text: tinyText,
    title: 'The Dhammapada, chapters 1–12, translated by F. Max Müller (1881)',
    source: 'Project Gutenberg etext dhmpd10.txt via Debian\'s display-dhammapada package; public domain (published 1881, translator died 1900)',
  };
}
