/**
 * Where a study's trials live. `InMemoryStorage` keeps them in this process; the interface is
 * what a database-backed storage implements too (Optuna's `BaseStorage`, trimmed).
 *
 * Every method returns a Promise, because a database client on a network (PostgreSQL's `pg`)
 * can only answer asynchronously. Storages that can answer at once (memory, SQLite) simply
 * resolve immediately. A `Study` never waits on the storage inside a trial: it keeps a copy of
 * the study's trials (Optuna's `_CachedStorage` does the same), refreshes it when a trial
 * starts and ends, and queues the running trial's own writes (see `study.ts`).
 */
import type { Distribution } from './distributions.js';
import type { FrozenTrial, TrialState } from './trial.js';

export type StudyDirection = 'minimize' | 'maximize';

export interface Storage {
  /** Create a study and return its id; throws if the name is taken. */
  createNewStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number>;
  /** The id of a named study, or null. */
  getStudyIdFromName(studyName: string): Promise<number | null>;
  getStudyDirections(studyId: number): Promise<StudyDirection[]>;
  /** Create a trial (RUNNING, or WAITING with fixed parameters when enqueued); returns its number. */
  createNewTrial(studyId: number, waiting?: { fixedParams: Record<string, unknown>; userAttrs: Record<string, unknown> }): Promise<number>;
  /** Atomically claim the oldest WAITING trial (set it RUNNING); null when there is none. */
  popWaitingTrial(studyId: number): Promise<number | null>;
  getTrial(studyId: number, number: number): Promise<FrozenTrial>;
  /**
   * The study's trials in number order, optionally only those in `states` and those numbered
   * `fromNumber` or later (a study re-reads only the trials that may still change).
   */
  getAllTrials(studyId: number, states?: readonly TrialState[], fromNumber?: number): Promise<FrozenTrial[]>;
  setTrialParam(studyId: number, number: number, name: string, internal: number, dist: Distribution): Promise<void>;
  setTrialIntermediateValue(studyId: number, number: number, step: number, value: number): Promise<void>;
  setTrialUserAttr(studyId: number, number: number, key: string, value: unknown): Promise<void>;
  setTrialSystemAttr(studyId: number, number: number, key: string, value: unknown): Promise<void>;
  /** Finish a trial: COMPLETE with its values, or PRUNED / FAIL. */
  setTrialStateValues(studyId: number, number: number, state: TrialState, values: number[] | null): Promise<void>;
}

interface StudyRecord {
  name: string;
  directions: StudyDirection[];
  trials: FrozenTrial[];
}

/**
 * Trials kept in this process's memory (the default storage).
 *
 * ```ts
 * const study = await createStudy({ storage: new InMemoryStorage() });
 * ```
 */
export class InMemoryStorage implements Storage {
  private readonly studies: StudyRecord[] = [];

  async createNewStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    if (this.studies.some((s) => s.name === studyName)) {
      throw new Error(`createStudy: a study named '${studyName}' already exists; pass loadIfExists: true to reuse it.`);
    }
    this.studies.push({ name: studyName, directions: [...directions], trials: [] });
    return this.studies.length - 1;
  }

  async getStudyIdFromName(studyName: string): Promise<number | null> {
    const i = this.studies.findIndex((s) => s.name === studyName);
    return i < 0 ? null : i;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    return [...this.study(studyId).directions];
  }

  async createNewTrial(studyId: number, waiting?: { fixedParams: Record<string, unknown>; userAttrs: Record<string, unknown> }): Promise<number> {
    const s = this.study(studyId);
    const number = s.trials.length;
    s.trials.push({
      number,
      state: waiting ? 'WAITING' : 'RUNNING',
      values: null,
      paramsInternal: {},
      distributions: {},
      intermediateValues: {},
      userAttrs: waiting ? structuredClone(waiting.userAttrs) : {},
      systemAttrs: waiting ? { fixedParams: structuredClone(waiting.fixedParams) } : {},
      datetimeStart: waiting ? null : Date.now(),
      datetimeComplete: null,
    });
    return number;
  }

  async popWaitingTrial(studyId: number): Promise<number | null> {
    const t = this.study(studyId).trials.find((x) => x.state === 'WAITING');
    if (!t) return null;
    t.state = 'RUNNING';
    t.datetimeStart = Date.now();
    return t.number;
  }

  async getTrial(studyId: number, number: number): Promise<FrozenTrial> {
    return this.trial(studyId, number);
  }

  async getAllTrials(studyId: number, states?: readonly TrialState[], fromNumber = 0): Promise<FrozenTrial[]> {
    const all = this.study(studyId).trials.slice(fromNumber);
    return states ? all.filter((t) => states.includes(t.state)) : all;
  }

  async setTrialParam(studyId: number, number: number, name: string, internal: number, dist: Distribution): Promise<void> {
    const t = this.running(studyId, number);
    t.paramsInternal[name] = internal;
    t.distributions[name] = dist;
  }

  async setTrialIntermediateValue(studyId: number, number: number, step: number, value: number): Promise<void> {
    this.running(studyId, number).intermediateValues[step] = value;
  }

  async setTrialUserAttr(studyId: number, number: number, key: string, value: unknown): Promise<void> {
    this.running(studyId, number).userAttrs[key] = structuredClone(value);
  }

  async setTrialSystemAttr(studyId: number, number: number, key: string, value: unknown): Promise<void> {
    this.running(studyId, number).systemAttrs[key] = structuredClone(value);
  }

  async setTrialStateValues(studyId: number, number: number, state: TrialState, values: number[] | null): Promise<void> {
    const t = this.running(studyId, number);
    t.state = state;
    t.values = values === null ? null : [...values];
    t.datetimeComplete = Date.now();
  }

  private study(studyId: number): StudyRecord {
    const s = this.studies[studyId];
    if (!s) throw new Error(`Storage: there is no study with id ${studyId}.`);
    return s;
  }

  private trial(studyId: number, number: number): FrozenTrial {
    const t = this.study(studyId).trials[number];
    if (!t) throw new Error(`Storage.getTrial: study ${studyId} has no trial ${number}.`);
    return t;
  }

  private running(studyId: number, number: number): FrozenTrial {
    const t = this.trial(studyId, number);
    if (t.state !== 'RUNNING') {
      throw new Error(`Storage: trial ${number} is ${t.state}; only a RUNNING trial can be changed.`);
    }
    return t;
  }
}
