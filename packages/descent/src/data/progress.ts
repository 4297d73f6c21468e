/**
 * Progress reporting for `fit`: the events it emits and the terminal progress bar.
 *
 * The library must run unchanged in a browser, so it cannot import `node:process`. It
 * looks for a terminal through `globalThis.process?.stdout?.isTTY` instead: in Node
 * attached to a terminal that is `true` and the bar redraws one line with `\r`; in a
 * browser, a worker, a pipe or a test runner it is absent or `false`, and the bar prints
 * one plain line per epoch (or nothing when the caller did not ask for a bar).
 */

/** What `fit` reports as it goes; pass `progress: (event) => …` to receive these. */
export type FitEvent =
  | { type: 'start'; epochs: number; batches: number }
  | { type: 'batch'; epoch: number; epochs: number; batch: number; batches: number; loss: number }
  | { type: 'epoch'; epoch: number; epochs: number; log: EpochLog }
  | { type: 'end'; epochsRun: number; stoppedEarly: boolean; bestEpoch: number | null };

/**
 * One row of `fit`'s history. `epoch` counts from 1. `lr` is the first parameter group's
 * learning rate at the start of the epoch. Metric keys are `train<Name>` and `val<Name>`
 * (`valAccuracy`); `seconds` is the epoch's wall time, validation included.
 */
export interface EpochLog {
  epoch: number;
  trainLoss: number;
  valLoss?: number;
  lr: number;
  seconds: number;
  [metric: string]: number | undefined;
}

/** The part of Node's `process.stdout` the bar uses, found without importing anything. */
interface Terminal { isTTY?: boolean; columns?: number; write(text: string): unknown }

function terminal(): Terminal | null {
  const stdout = (globalThis as { process?: { stdout?: Terminal } }).process?.stdout;
  return stdout && typeof stdout.write === 'function' ? stdout : null;
}

/** `true` when stdout is an interactive terminal (so `\r` redraws a line). */
export function isTerminal(): boolean {
  return terminal()?.isTTY === true;
}

const WIDTH = 24;

function formatLog(log: EpochLog): string {
  return Object.entries(log)
    .filter(([k, v]) => k !== 'epoch' && k !== 'seconds' && typeof v === 'number')
    .map(([k, v]) => `${k} ${k === 'lr' ? (v as number).toExponential(2) : (v as number).toFixed(4)}`)
    .join('  ');
}

/**
 * A reporter that draws `Epoch 3/10 [#########-------] 45/100 loss 0.4321` on a terminal,
 * redrawn in place at most every 100 ms, and keeps one finished line per epoch. Without a
 * terminal it prints the finished epoch lines only (through `console.log`).
 */
export function progressBar(): (event: FitEvent) => void {
  const out = terminal();
  const tty = out?.isTTY === true;
  let lastDraw = 0;
  return (event) => {
    if (event.type === 'batch' && tty) {
      const now = Date.now();
      if (now - lastDraw < 100 && event.batch < event.batches) return;
      lastDraw = now;
      const filled = Math.round((WIDTH * event.batch) / event.batches);
      const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
      const line = `Epoch ${event.epoch}/${event.epochs} [${bar}] ${event.batch}/${event.batches} loss ${event.loss.toFixed(4)}`;
      out!.write(`\r${line.slice(0, (out!.columns ?? 120) - 1)}`);
    } else if (event.type === 'epoch') {
      const line = `Epoch ${event.epoch}/${event.epochs}  ${formatLog(event.log)}  (${event.log.seconds.toFixed(1)} s)`;
      // \x1b[K clears what is left of the longer bar line.
      if (tty) out!.write(`\r${line}\x1b[K\n`);
      else console.log(line);
    } else if (event.type === 'end' && event.stoppedEarly) {
      const line = `Stopped early after epoch ${event.epochsRun}; best epoch ${event.bestEpoch}`;
      if (tty) out!.write(`${line}\n`);
      else console.log(line);
    }
  };
}
