/**
 * The embedding explorer's training worker: one `train` message fits Word2Vec on the shipped
 * e-mails (a few seconds of SGD) off the page's thread and posts the vectors back.
 */
import { trainEmbeddings, type TrainedEmbeddings } from './logic.js';

export type EmbeddingMessage = ({ type: 'done'; seconds: number } & TrainedEmbeddings) | { type: 'error'; message: string };

const post = (m: EmbeddingMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.addEventListener('message', (e: MessageEvent<{ type: 'train' }>) => {
  if (e.data.type !== 'train') return;
  try {
    const t0 = performance.now();
    const trained = trainEmbeddings();
    post({ type: 'done', seconds: (performance.now() - t0) / 1000, ...trained }, [trained.vectors.buffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
