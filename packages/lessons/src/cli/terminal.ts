/** How runs look in a terminal: each cell's outputs, exercise verdicts, progress and failures. */
import type { Output } from '../helpers/outputs';
import type { ExerciseResult, LessonEvent } from '../notebook/results';

const tty = Boolean(process.stdout.isTTY);
const paint = (code: number) => (s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
export const dim = paint(2);
export const bold = paint(1);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);

function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

function tableText(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, j) => Math.max(c.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padStart(widths[j])).join('  ');
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function outputText(output: Output, figurePath?: string): string {
  const label = output.label ? `${dim(output.label)}\n` : '';
  if (output.kind === 'text') return indent(label + output.text);
  if (output.kind === 'table') return indent(label + tableText(output.columns, output.rows));
  return indent(`${yellow('▣ figure')} ${output.label ?? ''}${figurePath ? dim(` → ${figurePath}`) : ''}`);
}

export function exerciseText(r: ExerciseResult): string {
  const n = r.solution.tests.length;
  if (r.ok) return indent(green(`✓ exercise ${r.id}: the solution passes ${n || 'its'} test${n === 1 ? '' : 's'}, the starter fails them`));
  return indent(red(`✗ exercise ${r.id}: ${r.problem}`));
}

/**
 * Shows a live status line while a cell runs: elapsed time once a cell passes two seconds, and a
 * progress bar when the cell calls `progress(done, total)`. Only on a terminal; logs stay clean.
 */
export class ProgressLine {
  private started = 0;
  private cell = 0;
  private bar = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private shown = false;

  onEvent(event: LessonEvent): void {
    if (event.type === 'cell-start') {
      this.cell = event.cell;
      this.started = Date.now();
      this.bar = '';
      if (tty) this.timer ??= setInterval(() => this.draw(), 250);
    } else if (event.type === 'progress') {
      const width = 24;
      const filled = Math.round((event.done / Math.max(event.total, 1)) * width);
      this.bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${event.done}/${event.total}${event.label ? ` ${event.label}` : ''}`;
    }
  }

  private draw(): void {
    const secs = (Date.now() - this.started) / 1000;
    if (secs < 2 && this.bar === '') return;
    process.stdout.write(`\r\x1b[K${dim(`  cell ${this.cell} running ${secs.toFixed(0)} s`)} ${this.bar}`);
    this.shown = true;
  }

  /** Clears the status line before normal output is printed. */
  clear(): void {
    if (this.shown) process.stdout.write('\r\x1b[K');
    this.shown = false;
  }

  stop(): void {
    this.clear();
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
