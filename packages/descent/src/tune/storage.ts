/**
 * Where a study's trials live. `InMemoryStorage` keeps them in this process; the interface is
 * what a database-backed storage implements too (Optuna's `BaseStorage`, trimmed).
 */
import type { Distribution } from './distributions.js';
import type { FrozenTrial, TrialState } from './trial.js';

export type StudyDirection = 'minimize' | 'maximize';

export interface Storage {
  /** Create a study and return its id; throws if the name is taken. */
  createNewStudy(studyName: string, directions: readonly StudyDirection[]): number;
  /** The id of a named study, or null. */
  getStudyIdFromName(studyName: string): number | null;
  getStudyDirections(studyId: number): StudyDirection[];
  /** Create a trial (RUNNING, or WAITING with fixed parameters when enqueued); returns its number. */
  createNewTrial(studyId: number, waiting?: { fixedParams: Record<string, unknown>; userAttrs: Record<string, unknown> }): number;
  /** Atomically claim the oldest WAITING trial (set it RUNNING); null when there is none. */
  popWaitingTrial(studyId: number): number | null;
  getTrial(studyId: number, number: number): FrozenTrial;
  getAllTrials(studyId: number, states?: readonly TrialState[]): FrozenTrial[];
  setTrialParam(studyId: number, number: number, name: string, internal: number, dist: Distribution): void;
  setTrialIntermediateValue(studyId: number, number: number, step: number, value: number): void;
  setTrialUserAttr(studyId: number, number: number, key: string, value: unknown): void;
  setTrialSystemAttr(studyId: number, number: number, key: string, value: unknown): void;
  /** Finish a trial: COMPLETE with its values, or PRUNED / FAIL. */
  setTrialStateValues(studyId: number, number: number, state: TrialState, values: number[] | null): void;
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
 * const study = createStudy({ storage: new InMemoryStorage() });
 * ```
 */
export class InMemoryStorage implements Storage {
  private readonly studies: StudyRecord[] = [];

  createNewStudy(studyName: string, directions: readonly StudyDirection[]): number {
    if (this.getStudyIdFromName(studyName) !== null) {
      throw new Error(`createStudy: a study named '${studyName}' already exists; pass loadIfExists: true to reuse it.`);
    }
    this.studies.push({ name: studyName, directions: [...directions], trials: [] });
    return this.studies.length - 1;
  }

  getStudyIdFromName(studyName: string): number | null {
    const i = this.studies.findIndex((s) => s.name === studyName);
    return i < 0 ? null : i;
  }

  getStudyDirections(studyId: number): StudyDirection[] {
    return [...this.study(studyId).directions];
  }

  createNewTrial(studyId: number, waiting?: { fixedParams: Record<string, unknown>; userAttrs: Record<string, unknown> }): number {
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

  popWaitingTrial(studyId: number): number | null {
    const t = this.study(studyId).trials.find((x) => x.state === 'WAITING');
    if (!t) return null;
    t.state = 'RUNNING';
    t.datetimeStart = Date.now();
    return t.number;
  }

  getTrial(studyId: number, number: number): FrozenTrial {
    const t = this.study(studyId).trials[number];
    if (!t) throw new Error(`Storage.getTrial: study ${studyId} has no trial ${number}.`);
    return t;
  }

  getAllTrials(studyId: number, states?: readonly TrialState[]): FrozenTrial[] {
    const all = this.study(studyId).trials;
    return states ? all.filter((t) => states.includes(t.state)) : [...all];
  }

  setTrialParam(studyId: number, number: number, name: string, internal: number, dist: Distribution): void {
    const t = this.running(studyId, number);
    t.paramsInternal[name] = internal;
    t.distributions[name] = dist;
  }

  setTrialIntermediateValue(studyId: number, number: number, step: number, value: number): void {
    this.running(studyId, number).intermediateValues[step] = value;
  }

  setTrialUserAttr(studyId: number, number: number, key: string, value: unknown): void {
    this.running(studyId, number).userAttrs[key] = structuredClone(value);
  }

  setTrialSystemAttr(studyId: number, number: number, key: string, value: unknown): void {
    this.running(studyId, number).systemAttrs[key] = structuredClone(value);
  }

  setTrialStateValues(studyId: number, number: number, state: TrialState, values: number[] | null): void {
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

  private running(studyId: number, number: number): FrozenTrial {
    const t = this.getTrial(studyId, number);
    if (t.state !== 'RUNNING') {
      throw new Error(`Storage: trial ${number} is ${t.state}; only a RUNNING trial can be changed.`);
    }
    return t;
  }
}
