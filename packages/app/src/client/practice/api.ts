/** The client's side of the practice API (`/api/practice/...`); errors carry the server's message. */
import type { CardView, PracticeMode, PracticeSettingsView, PracticeSummary, ReviewMode } from '../../shared/practice.js';
import { ApiError } from '../api.js';
import { CLIENT_HEADER } from '../../shared/security.js';

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: body !== undefined ? { 'content-type': 'application/json' } : method === 'GET' ? {} : { [CLIENT_HEADER]: '1' }, body: body === undefined ? null : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Cannot reach the Descent server. Is `npm start` still running?');
  }
  const data = await res.json().catch(() => ({ error: `The server answered ${res.status} without JSON.` })) as T & { error?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? `The server answered ${res.status}.`);
  return data;
}

export interface QueueFilter {
  mode: PracticeMode;
  topic?: string;
  lesson?: string;
  difficulty?: string;
}

const query = (f: QueueFilter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined && v !== '') as [string, string][]).toString();

export const practiceApi = {
  summary: () => call<PracticeSummary>('GET', '/api/practice/summary'),
  queue: (f: QueueFilter) => call<{ cards: CardView[] }>('GET', `/api/practice/queue?${query(f)}`),
  question: (id: string) => call<{ card: CardView }>('GET', `/api/practice/questions/${encodeURIComponent(id)}`),
  lessonQuestions: (lesson: string) => call<{ cards: CardView[] }>('GET', `/api/practice/lessons/${encodeURIComponent(lesson)}/questions`),
  /** Resolves only after the server has committed the rating. */
  rate: (questionId: string, rating: number, mode: ReviewMode, extra: { answer?: string; durationMs?: number } = {}) =>
    call<{ card: CardView }>('POST', '/api/practice/reviews', { questionId, rating, mode, ...extra }),
  mock: (count: number) => call<{ seed: number; cards: CardView[] }>('GET', `/api/practice/mock?count=${count}`),
  saveSettings: (s: Partial<{ newPerDay: number; interviewDate: string }>) => call<{ settings: PracticeSettingsView }>('PUT', '/api/practice/settings', s),
  importProgress: (data: unknown) => call<{ imported: { cards: number; reviews: number } }>('POST', '/api/practice/import', data),
};
