/**
 * The learner's last outputs, kept in this browser (IndexedDB) so a reload shows what each
 * cell printed and drew last time. Only outputs live here; the learner's code is saved on the
 * server as before, so a failure here (private mode, a full disk) costs a convenience, never
 * an edit: it is reported and the page goes on.
 *
 * @example
 * await saveOutputs('03-calculus', 2, { code, outputs, ms: 12 });
 * (await loadOutputs('03-calculus')).get(2)?.outputs;
 */
import type { Output } from '@descent/lessons/helpers';
import type { RunError } from '../../worker/protocol.js';

export interface SavedRun {
  /** The code that produced the outputs, to say when the cell has changed since. */
  code: string;
  outputs: Output[];
  error?: RunError;
  ms?: number;
  /** ISO 8601. */
  savedAt: string;
}

const DB = 'descent-outputs';
const STORE = 'runs';

let opened: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser has no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
  opened.catch(() => {
    opened = undefined;
  });
  return opened;
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write was aborted'));
  });
}

const key = (lessonId: string, cell: number) => `${lessonId}/${cell}`;

/** Every saved run of the lesson's cells, by cell index. */
export async function loadOutputs(lessonId: string): Promise<Map<number, SavedRun>> {
  const db = await open();
  const range = IDBKeyRange.bound(`${lessonId}/`, `${lessonId}/\uffff`);
  const store = db.transaction(STORE, 'readonly').objectStore(STORE);
  const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)].map((r) => new Promise<unknown[]>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result as unknown[]);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB read failed'));
  })));
  const runs = new Map<number, SavedRun>();
  keys!.forEach((k, i) => runs.set(Number(String(k).slice(lessonId.length + 1)), values![i] as SavedRun));
  return runs;
}

/** Keeps a cell's outputs (replacing its previous ones). Rejects if the browser refuses. */
export async function saveOutputs(lessonId: string, cell: number, run: Omit<SavedRun, 'savedAt'>): Promise<void> {
  const db = await open();
  const transaction = db.transaction(STORE, 'readwrite');
  transaction.objectStore(STORE).put({ ...run, savedAt: new Date().toISOString() } satisfies SavedRun, key(lessonId, cell));
  await done(transaction);
}
