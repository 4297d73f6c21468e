/** The client's side of the JSON API: one function per route, errors as `ApiError` with the server's message. */
import type { ClassProgressView, MeView, Role } from '../shared/class.js';
import { CLIENT_HEADER } from '../shared/security.js';
import type {
  AttemptView, CellEditView, Curriculum, LessonState, LessonView, ModelVersionsView, PrerenderedView, RunArtifactsView, RunMetricsView, RunsView, RunUpload, SearchHit, TestOutcome,
} from '../shared/api.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      // A write without a body names the client in a header, which no cross-site form can send.
      headers: body !== undefined ? { 'content-type': 'application/json' } : method === 'GET' ? {} : { [CLIENT_HEADER]: '1' },
      body: body === undefined ? null : JSON.stringify(body),
      ...init,
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Descent server. Is `npm start` still running?');
  }
  const data = await res.json().catch(() => ({ error: `The server answered ${res.status} without JSON.` })) as T & { error?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? `The server answered ${res.status}.`);
  return data;
}

/** `?a=1&b=x` from the defined values, or ''. */
const query = (values: Record<string, string | number | undefined>) => {
  const parts = Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
};

const lessonUrl = (id: string) => `/api/lessons/${encodeURIComponent(id)}`;

export const api = {
  /** `learner`: an instructor reading a learner's runs (class mode). */
  runs: (experiment?: string, learner?: number) => call<RunsView>('GET', `/api/runs${query({ experiment, learner })}`),
  runMetrics: (runId: string, key: string, learner?: number) => call<RunMetricsView>('GET', `/api/runs/${runId}/metrics${query({ key, learner })}`),
  models: (learner?: number) => call<ModelVersionsView>('GET', `/api/models${query({ learner })}`),
  runArtifacts: (runId: string, learner?: number) => call<RunArtifactsView>('GET', `/api/runs/${runId}/artifacts${query({ learner })}`),
  /** Where an artifact's bytes download from (a link's href, or a fetch for a preview). */
  artifactUrl: (runId: string, name: string, learner?: number) => `/api/runs/${runId}/artifacts/${encodeURIComponent(name)}${query({ learner })}`,
  deleteRun: (runId: string) => call<{ deleted: string }>('DELETE', `/api/runs/${runId}`),
  uploadRun: (run: RunUpload) => call<{ runId: string; created: boolean }>('POST', '/api/runs', run),
  curriculum: () => call<Curriculum>('GET', '/api/curriculum'),
  lesson: (id: string) => call<LessonView>('GET', lessonUrl(id)),
  prerendered: (id: string) => call<PrerenderedView>('GET', `${lessonUrl(id)}/prerendered`),
  search: (q: string) => call<{ hits: SearchHit[] }>('GET', `/api/search?q=${encodeURIComponent(q)}`),
  visit: (id: string) => call<{ state: LessonState }>('POST', `${lessonUrl(id)}/visit`),
  /** `keepalive` lets a save started while the page closes still reach the server. */
  saveEdit: (id: string, cell: number, code: string, keepalive = false) =>
    call<{ edit: CellEditView }>('PUT', `${lessonUrl(id)}/cells/${cell}/edit`, { code }, { keepalive }),
  resetEdit: (id: string, cell: number) => call<{ deleted: boolean; original: string }>('DELETE', `${lessonUrl(id)}/cells/${cell}/edit`),
  recordRun: (id: string, cell: number) => call<{ state: LessonState }>('POST', `${lessonUrl(id)}/cells/${cell}/runs`),
  addAttempt: (id: string, exercise: string, attempt: { code: string; passed: boolean; tests: TestOutcome[]; error?: string }) =>
    call<{ attempt: AttemptView; state: LessonState }>('POST', `${lessonUrl(id)}/exercises/${encodeURIComponent(exercise)}/attempts`, attempt),
};

/** Class mode: who is signed in, logging in and out, and the instructor's pages. */
export const classApi = {
  me: () => call<MeView>('GET', '/api/auth/me'),
  login: (username: string, password: string) => call<{ user: NonNullable<MeView['user']> }>('POST', '/api/auth/login', { username, password }),
  signUp: (invite: string, username: string, password: string) => call<{ user: NonNullable<MeView['user']> }>('POST', '/api/auth/signup', { invite, username, password }),
  resetPassword: (code: string, password: string) => call<{ user: NonNullable<MeView['user']> }>('POST', '/api/auth/reset', { code, password }),
  logout: () => call<{ ok: boolean }>('POST', '/api/auth/logout'),
  progress: () => call<ClassProgressView>('GET', '/api/class/progress'),
  invite: (role: Role, uses: number) => call<{ code: string; expiresAt: string }>('POST', '/api/class/invites', { role, uses }),
  passwordReset: (username: string) => call<{ code: string; expiresAt: string }>('POST', '/api/class/password-resets', { username }),
};
