/**
 * Everything a lesson page does besides drawing: the learner's code for each cell (autosaved),
 * running cells in order through the worker, checking exercises, and remembering progress on
 * the server. Components read its fields and re-render when it calls its listeners.
 *
 * Running a cell first runs the cells above it that have not run in the current worker, so a
 * cell never fails only because the names it uses were never defined (after Stop, or when the
 * learner starts halfway down the page). Above an unsolved exercise, its solution runs instead
 * of the starter, so the cells after it work; once solved, the learner's own code runs.
 */
import type { Output, TestResult } from '@descent/lessons/helpers';
import type { CellView, ExerciseView, LessonView, PrerenderedView } from '../../shared/api.js';
import type { RunError } from '../../worker/protocol.js';
import { api } from '../api.js';
import { loadOutputs, saveOutputs, type SavedRun } from './saved-outputs.js';
import { Kernel, type RunOutcome } from './kernel.js';
import { RunUploads } from './run-uploads.js';
import type { RunProgress } from './outputs.js';

export interface CellRun {
  status: 'idle' | 'queued' | 'running' | 'done' | 'error';
  outputs: Output[];
  error?: RunError;
  progress?: RunProgress;
  ms?: number;
  /** The earlier cell whose error kept this one from running (it ran first, as cells above do). */
  blockedBy?: number;
  /**
   * Outputs shown before the cell ran in this page: the build's pre-rendered run, or the
   * learner's last run kept in this browser (with the code that produced it).
   */
  from?: { kind: 'prerendered' | 'saved'; at?: string; code?: string };
}

export interface Check {
  status: 'idle' | 'queued' | 'running' | 'done';
  passed?: boolean;
  tests: TestResult[];
  outputs: Output[];
  error?: RunError;
  /** The earlier cell whose error kept the check from running. */
  blockedBy?: number;
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

const AUTOSAVE_MS = 800;
const idle = (): CellRun => ({ status: 'idle', outputs: [] });

export class LessonSession {
  readonly kernel: Kernel;
  readonly code = new Map<number, string>();
  /** Bumped when code changes from outside the editor (reset, "use the solution"), so it reloads. */
  readonly external = new Map<number, number>();
  readonly stale = new Set<number>();
  readonly runs = new Map<number, CellRun>();
  readonly checks = new Map<string, Check>();
  readonly saves = new Map<number, SaveStatus>();
  readonly saveErrors = new Map<number, string>();
  readonly revealed = new Set<string>();
  solved: Set<string>;
  cellsRun: Set<number>;
  completedAt: string | undefined;
  running = false;
  notice = '';

  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  /** Bumped by Stop: queued work from before it is dropped. */
  private generation = 0;
  /** The cell that failed during the last `prepare`, if one did. */
  private failedAbove: number | undefined;
  private unsubscribe: () => void;
  private readonly uploads = new RunUploads((message) => {
    this.notice = message;
    this.changed();
  });

  constructor(readonly view: LessonView, timeLimit?: number, memoryLimit?: number) {
    this.kernel = new Kernel(timeLimit, memoryLimit);
    for (const c of view.cells) this.code.set(c.index, c.code);
    for (const e of view.state.edits) {
      this.code.set(e.cell, e.code);
      if (e.stale) this.stale.add(e.cell);
    }
    this.solved = new Set(view.state.solved);
    this.cellsRun = new Set(view.state.cellsRun);
    this.completedAt = view.state.completedAt;
    this.unsubscribe = this.kernel.onRestart(() => this.changed());
    this.showEarlierOutputs();
  }

  /**
   * Fills the cells with outputs before anything runs: the build's pre-rendered ones, then the
   * learner's own last run where this browser kept one (it wins). A cell that has run in the
   * meantime keeps its live state.
   */
  private showEarlierOutputs(): void {
    const none: PrerenderedView = { cells: [] };
    const pre = api.prerendered(this.view.id).catch(() => none);
    const saved = loadOutputs(this.view.id).catch(() => new Map<number, SavedRun>());
    void Promise.all([pre, saved]).then(([p, runs]) => {
      const untouched = (index: number) => {
        const r = this.run(index);
        return r.status === 'idle' && (r.from !== undefined || r.outputs.length === 0);
      };
      for (const c of p.cells) {
        if (!untouched(c.index)) continue;
        this.runs.set(c.index, { status: 'idle', outputs: c.outputs, ms: c.ms, from: { kind: 'prerendered', ...(p.generatedAt === undefined ? {} : { at: p.generatedAt }) } });
      }
      for (const [index, s] of runs) {
        if (!untouched(index)) continue;
        const run: CellRun = { status: 'idle', outputs: s.outputs, from: { kind: 'saved', at: s.savedAt, code: s.code } };
        if (s.error !== undefined) run.error = s.error;
        if (s.ms !== undefined) run.ms = s.ms;
        this.runs.set(index, run);
      }
      this.changed();
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  cell(index: number): CellView {
    return this.view.cells[index - 1];
  }

  run(index: number): CellRun {
    return this.runs.get(index) ?? idle();
  }

  check(id: string): Check {
    return this.checks.get(id) ?? { status: 'idle', tests: [], outputs: [] };
  }

  /**
   * The code that runs before cell `index`, as the learner has it now: the plain cells and
   * exercise starters above it, one after another (for TypeScript's help in the editor).
   */
  codeAbove(index: number): string {
    return this.view.cells.filter((c) => c.index < index && (c.role === 'code' || c.role === 'starter'))
      .map((c) => `${this.code.get(c.index) ?? c.code}\n`).join('');
  }

  isEdited(index: number): boolean {
    return this.code.get(index) !== this.cell(index).code;
  }

  // ---- editing and autosave ----

  /** The learner typed: keep the code, and save it a moment after typing stops. */
  setCode(index: number, code: string): void {
    if (this.code.get(index) === code) return;
    this.code.set(index, code);
    this.saves.set(index, 'pending');
    clearTimeout(this.timers.get(index));
    this.timers.set(index, setTimeout(() => void this.save(index), AUTOSAVE_MS));
    this.changed();
  }

  /** Saves now (Ctrl/Cmd+S, leaving the page). */
  async save(index: number, keepalive = false): Promise<void> {
    clearTimeout(this.timers.get(index));
    this.timers.delete(index);
    const code = this.code.get(index)!;
    this.saves.set(index, 'saving');
    this.changed();
    try {
      await api.saveEdit(this.view.id, index, code, keepalive);
      // Typing during the save leaves the newer code pending.
      if (this.code.get(index) === code) this.saves.set(index, 'saved');
      this.stale.delete(index);
      this.saveErrors.delete(index);
    } catch (e) {
      this.saves.set(index, 'error');
      this.saveErrors.set(index, (e as Error).message);
    }
    this.changed();
  }

  /** Saves every cell with unsaved changes; `keepalive` for when the page is closing. */
  flush(keepalive = false): void {
    for (const index of [...this.timers.keys()]) void this.save(index, keepalive);
  }

  /** Puts the lesson's own code back and forgets the learner's version. */
  async reset(index: number): Promise<void> {
    clearTimeout(this.timers.get(index));
    this.timers.delete(index);
    try {
      const { original } = await api.resetEdit(this.view.id, index);
      this.replaceCode(index, original);
      this.saves.delete(index);
      this.stale.delete(index);
    } catch (e) {
      this.saves.set(index, 'error');
      this.saveErrors.set(index, (e as Error).message);
    }
    this.changed();
  }

  /** Replaces a cell's code from outside the editor (and saves it unless it is the original). */
  replaceCode(index: number, code: string, save = false): void {
    this.code.set(index, code);
    this.external.set(index, (this.external.get(index) ?? 0) + 1);
    if (save) void this.save(index);
    this.changed();
  }

  // ---- running ----

  private enqueue(task: (generation: number) => Promise<void>): Promise<void> {
    const generation = this.generation;
    this.queue = this.queue.then(async () => {
      if (generation !== this.generation) return;
      this.running = true;
      this.changed();
      try {
        await task(generation);
      } finally {
        this.running = false;
        this.changed();
      }
    });
    return this.queue;
  }

  /** The cells above `index` that must run first, in page order: plain cells and whole exercises. */
  private above(index: number): ({ kind: 'cell'; index: number } | { kind: 'exercise'; exercise: ExerciseView })[] {
    const steps: ({ kind: 'cell'; index: number } | { kind: 'exercise'; exercise: ExerciseView })[] = [];
    for (const c of this.view.cells) {
      if (c.index >= index) break;
      if (c.role === 'code') steps.push({ kind: 'cell', index: c.index });
      else if (c.role === 'starter') {
        const exercise = this.view.exercises.find((e) => e.starter === c.index);
        if (exercise !== undefined) steps.push({ kind: 'exercise', exercise });
      }
    }
    return steps;
  }

  /** Runs what `index` depends on; false if one of them failed or was stopped. */
  private async prepare(index: number, generation: number): Promise<boolean> {
    this.failedAbove = undefined;
    for (const step of this.above(index)) {
      if (generation !== this.generation) return false;
      if (step.kind === 'cell') {
        if (this.kernel.ran.has(`cell:${step.index}`)) continue;
        if (!(await this.exec(step.index))) {
          if (this.run(step.index).status === 'error') this.failedAbove = step.index;
          return false;
        }
      } else {
        const { exercise } = step;
        if (this.kernel.ran.has(`exercise:${exercise.id}`)) continue;
        // Solved: the learner's code defines the names; otherwise the hidden solution does.
        const code = this.solved.has(exercise.id) ? this.code.get(exercise.starter)! : this.cell(exercise.solution).code;
        const outcome = await this.kernel.run(code, `${this.view.id}/cell-${exercise.starter}`, { label: `Exercise ${exercise.id}` });
        this.uploads.send(outcome, `Exercise ${exercise.id}`);
        if (outcome.stopped) return false;
        this.kernel.ran.add(`exercise:${exercise.id}`);
      }
    }
    return true;
  }

  /** Runs one plain cell and shows its outputs; true if it ran without an error. */
  private async exec(index: number): Promise<boolean> {
    this.runs.set(index, { status: 'running', outputs: [] });
    this.changed();
    const outcome: RunOutcome = await this.kernel.run(this.code.get(index)!, `${this.view.id}/cell-${index}`, {
      label: `Cell ${index}`,
      onProgress: (done, total, label) => {
        const r = this.run(index);
        this.runs.set(index, { ...r, progress: label === undefined ? { done, total } : { done, total, label } });
        this.changed();
      },
    });
    this.uploads.send(outcome, `Cell ${index}`);
    const ok = outcome.error === undefined;
    const run: CellRun = { status: ok ? 'done' : 'error', outputs: outcome.outputs, ms: outcome.ms };
    if (outcome.error) run.error = outcome.error;
    this.runs.set(index, run);
    // Kept in this browser for the next visit; if the browser refuses, say so and carry on.
    const code = this.code.get(index)!;
    saveOutputs(this.view.id, index, { code, outputs: run.outputs, ms: outcome.ms, ...(run.error ? { error: run.error } : {}) }).catch((e: unknown) => {
      this.notice = `Cell ${index} ran, but this browser did not keep its output for your next visit (${e instanceof Error ? e.message : String(e)}). Your code is saved as usual.`;
      this.changed();
    });
    if (ok) {
      this.kernel.ran.add(`cell:${index}`);
      this.cellsRun.add(index);
      api.recordRun(this.view.id, index).then(({ state }) => {
        this.completedAt = state.completedAt;
        this.changed();
      }, () => {});
    }
    this.changed();
    return ok;
  }

  private markQueued(indices: number[]): void {
    for (const i of indices) this.runs.set(i, { ...this.run(i), status: 'queued' });
    this.changed();
  }

  /** Runs a cell (and, first, the cells above it that have not run yet). */
  runCell(index: number): Promise<void> {
    this.markQueued([index]);
    return this.enqueue(async (generation) => {
      if (await this.prepare(index, generation)) await this.exec(index);
      else {
        // Say which cell stopped the run, rather than going quietly back to idle.
        const blocked: CellRun = { ...this.run(index), status: 'idle' };
        if (this.failedAbove !== undefined) blocked.blockedBy = this.failedAbove;
        this.runs.set(index, blocked);
      }
    });
  }

  /** Runs every cell from the top, stopping at the first error. Exercises run as in `prepare`. */
  runAll(): Promise<void> {
    this.kernel.ran.clear();
    const plain = this.view.cells.filter((c) => c.role === 'code').map((c) => c.index);
    this.markQueued(plain);
    return this.enqueue(async (generation) => {
      const last = this.view.cells.length + 1;
      await this.prepare(last, generation);
      for (const i of plain) if (this.run(i).status === 'queued') this.runs.set(i, { ...this.run(i), status: 'idle' });
    });
  }

  /** Runs the learner's code for an exercise, then its tests, and records the attempt. */
  checkExercise(exercise: ExerciseView): Promise<void> {
    this.checks.set(exercise.id, { ...this.check(exercise.id), status: 'queued' });
    this.changed();
    return this.enqueue(async (generation) => {
      if (!(await this.prepare(exercise.starter, generation))) {
        this.checks.set(exercise.id, { status: 'idle', tests: [], outputs: [], ...(this.failedAbove === undefined ? {} : { blockedBy: this.failedAbove }) });
        return;
      }
      this.checks.set(exercise.id, { status: 'running', tests: [], outputs: [] });
      this.changed();
      const code = this.code.get(exercise.starter)!;
      const outcome = await this.kernel.run(code, `${this.view.id}/cell-${exercise.starter}`, {
        test: this.cell(exercise.test).code, label: `The check of exercise ${exercise.id}`,
      });
      this.uploads.send(outcome, `The check of exercise ${exercise.id}`);
      const tests = outcome.tests ?? [];
      const passed = outcome.error === undefined && tests.every((t) => t.passed);
      const check: Check = { status: 'done', passed, tests, outputs: outcome.outputs };
      if (outcome.error) check.error = outcome.error;
      this.checks.set(exercise.id, check);
      if (outcome.stopped) return;
      this.kernel.ran.add(`exercise:${exercise.id}`);
      if (passed) this.solved.add(exercise.id);
      this.changed();
      const attempt = { code, passed, tests: tests.map((t) => (t.error === undefined ? { name: t.name, passed: t.passed } : { ...t })) };
      try {
        const { state } = await api.addAttempt(this.view.id, exercise.id, outcome.error ? { ...attempt, error: outcome.error.message } : attempt);
        this.solved = new Set(state.solved);
        this.completedAt = state.completedAt;
      } catch (e) {
        this.notice = `Your check ran, but saving it failed: ${(e as Error).message}`;
      }
    });
  }

  reveal(exerciseId: string): void {
    if (this.revealed.has(exerciseId)) this.revealed.delete(exerciseId);
    else this.revealed.add(exerciseId);
    this.changed();
  }

  /** Stops the running cell and drops everything queued; the worker restarts empty. */
  stop(): void {
    this.generation++;
    this.kernel.stop();
    for (const [i, r] of this.runs) if (r.status === 'queued') this.runs.set(i, { ...r, status: 'idle' });
    for (const [id, c] of this.checks) if (c.status === 'queued') this.checks.set(id, { ...c, status: 'idle' });
    this.changed();
  }

  dispose(): void {
    this.flush(true);
    this.unsubscribe();
    this.kernel.dispose();
    this.listeners.clear();
  }
}
