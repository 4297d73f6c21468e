/**
 * The embedding explorer: Word2Vec trained live (in a Web Worker) on the shipped SpamAssassin
 * e-mails, then queried on the page — a word's nearest neighbours by cosine, an analogy
 * a : b :: c : ? answered by b − a + c, and both drawn in 2-D by PCA of their vectors.
 */
import type { Mount } from '../types.js';
import { button, fmt, h, panel, uid } from '../common/dom.js';
import { ensureExtraStyles, ensureStyles } from '../common/styles.js';
import { CATEGORICAL, fitCanvas } from '../common/color.js';
import { EmbeddingSpace } from './logic.js';
import type { EmbeddingMessage } from './worker.js';

const CSS = `
.pg-em-grid { grid-template-columns: minmax(220px, 300px) minmax(0, 1fr); }
.pg-em-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; }
.pg-em-row input { width: 9em; max-width: 100%; }
.pg-em-list { margin: 8px 0 0; padding-left: 1.6em; font-variant-numeric: tabular-nums; }
.pg-em-canvas { border: 1px solid var(--pg-border); border-radius: 4px; max-width: 100%; }
.pg-em-error { color: #b3261e; }
@media (max-width: 640px) { .pg-em-grid { grid-template-columns: minmax(0, 1fr); } }
`;

const PRESETS = ['mortgage', 'python', 'spam', 'linux', 'credit', 'email'];

/** A labelled text input bound to the vocabulary's datalist. */
function wordInput(label: string, value: string, list: string): { el: HTMLElement; input: HTMLInputElement } {
  const id = uid('pg-word');
  const input = h('input', { id, type: 'text', value, list, autocomplete: 'off', spellcheck: 'false' });
  input.value = value;
  return { el: h('div', { class: 'pg-field' }, h('label', { for: id, text: label }), input), input };
}

export const mount: Mount = (root, ctx) => {
  ensureStyles();
  ensureExtraStyles('descent-playground-embeddings', CSS);
  const q = ctx.query;
  const listId = uid('pg-vocab');
  const datalist = h('datalist', { id: listId });
  const word = wordInput('Word', q.get('word') ?? 'mortgage', listId);
  const a = wordInput('a', q.get('a') ?? 'irish', listId);
  const b = wordInput('is to b', q.get('b') ?? 'ilug', listId);
  const c = wordInput('as c', q.get('c') ?? 'spamassassin', listId);
  const status = h('p', { 'data-testid': 'status', 'aria-live': 'polite', text: 'Training Word2Vec on the 1,200 shipped e-mails in a Web Worker…' });
  const neighbours = h('ol', { class: 'pg-em-list', 'data-testid': 'neighbours' });
  const neighbourMsg = h('p', { class: 'pg-em-error', 'data-testid': 'neighbour-error' });
  const analogyOut = h('ol', { class: 'pg-em-list', 'data-testid': 'analogy' });
  const analogyMsg = h('p', { class: 'pg-em-error', 'data-testid': 'analogy-error' });
  const canvas = h('canvas', { class: 'pg-em-canvas', role: 'img', 'data-testid': 'embedding-canvas', 'aria-label': 'Waiting for training to finish.' });

  let space: EmbeddingSpace | null = null;
  let picture: { words: string[]; groups: number[] } = { words: [], groups: [] };

  const sync = () => ctx.setQuery(new URLSearchParams({ word: word.input.value.trim().toLowerCase(), a: a.input.value.trim().toLowerCase(), b: b.input.value.trim().toLowerCase(), c: c.input.value.trim().toLowerCase() }));

  const neighbourForm = h('form', { class: 'pg-em-row' }, word.el, button('Neighbours', () => {}, { type: 'submit' }));
  neighbourForm.addEventListener('submit', (e) => { e.preventDefault(); sync(); update(); });
  const presets = h('div', { class: 'pg-em-row' }, ...PRESETS.map((p) => button(p, () => { word.input.value = p; sync(); update(); }, { 'aria-label': `Neighbours of ${p}` })));
  const analogyForm = h('form', { class: 'pg-em-row' }, a.el, b.el, c.el, button('Solve', () => {}, { type: 'submit' }));
  analogyForm.addEventListener('submit', (e) => { e.preventDefault(); sync(); update(); });

  const drawing = panel('The words in 2-D (PCA of their 32-dimensional vectors)', canvas);
  const page = h('div', { class: 'pg pg-embeddings' },
    h('p', { class: 'pg-lede', text: 'Word2Vec (skip-gram with negative sampling, from descent/text) learns a 32-number vector per word from which words appear near which, here on 1,200 e-mails of the SpamAssassin corpus, lesson 32\'s data. Words used in the same contexts end up close by cosine. On 40,000 words of training text, neighbours are topical and analogies are rough: they need far larger corpora.' }),
    status,
    h('div', { class: 'pg-grid pg-em-grid' },
      h('div', {},
        panel('Nearest neighbours', neighbourForm, presets, neighbourMsg, neighbours),
        panel('Analogy: a is to b as c is to ?', analogyForm, analogyMsg, analogyOut)),
      drawing),
    datalist);
  root.replaceChildren(page);

  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'descent-embeddings' });
  worker.addEventListener('message', (e: MessageEvent<EmbeddingMessage>) => {
    const m = e.data;
    if (m.type === 'error') { status.textContent = `Training failed: ${m.message}`; return; }
    space = new EmbeddingSpace(m.vocabulary, m.vectors, m.dim);
    datalist.replaceChildren(...m.vocabulary.map((w) => h('option', { value: w })));
    status.textContent = `Trained on ${m.trainingWords.toLocaleString('en')} words in ${fmt(m.seconds, 2)} s: ${m.vocabulary.length.toLocaleString('en')} words have vectors.`;
    status.dataset.ready = 'true';
    update();
  });
  worker.addEventListener('error', (e) => { status.textContent = `Training failed: ${e.message}`; });
  worker.postMessage({ type: 'train' });

  function listItems(list: HTMLElement, items: { word: string; similarity: number }[]): void {
    list.replaceChildren(...items.map((n) => h('li', { text: `${n.word} (${fmt(n.similarity, 2)})` })));
  }

  function update(): void {
    if (!space) return;
    const s = space;
    const w = word.input.value.trim().toLowerCase();
    const words: string[] = [];
    const groups: number[] = [];
    neighbourMsg.textContent = '';
    analogyMsg.textContent = '';
    try {
      const near = s.query([w], [], 10);
      listItems(neighbours, near);
      words.push(w, ...near.map((n) => n.word));
      groups.push(0, ...near.map(() => 1));
    } catch (err) {
      neighbours.replaceChildren();
      neighbourMsg.textContent = (err as Error).message;
    }
    const abc = [a, b, c].map((x) => x.input.value.trim().toLowerCase());
    try {
      const ans = s.analogy(abc[0], abc[1], abc[2], 5);
      listItems(analogyOut, ans);
      for (const x of [...abc, ans[0]?.word ?? '']) if (x && !words.includes(x)) { words.push(x); groups.push(2); }
    } catch (err) {
      analogyOut.replaceChildren();
      analogyMsg.textContent = (err as Error).message;
    }
    picture = { words, groups };
    draw();
  }

  function draw(): void {
    const size = Math.max(240, Math.min(520, (drawing.clientWidth || 400) - 30));
    const hgt = Math.round(size * 0.8);
    const g = fitCanvas(canvas, size, hgt);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, size, hgt);
    if (!space || picture.words.length < 2) return;
    const pts = space.project(picture.words);
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 16;
    const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (size - 2 * pad - 70);
    const sy = (y: number) => hgt - pad - ((y - y0) / (y1 - y0 || 1)) * (hgt - 2 * pad);
    g.font = '12px system-ui, sans-serif';
    g.textBaseline = 'middle';
    pts.forEach((p, i) => {
      g.fillStyle = CATEGORICAL[picture.groups[i]];
      g.beginPath();
      g.arc(sx(p.x), sy(p.y), picture.groups[i] === 0 ? 5 : 3.5, 0, 2 * Math.PI);
      g.fill();
      g.fillText(p.word, sx(p.x) + 7, sy(p.y));
    });
    canvas.setAttribute('aria-label', `PCA picture of ${picture.words.length} words: "${picture.words[0]}" and its neighbours (blue and orange), and the analogy's words (green).`);
  }

  const onResize = () => draw();
  window.addEventListener('resize', onResize);
  draw();
  return () => {
    worker.terminate();
    window.removeEventListener('resize', onResize);
    root.replaceChildren();
  };
};
