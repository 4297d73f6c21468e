/**
 * The `descent` command line's arguments, parsed with Node's `util.parseArgs` (strict, as the
 * app's `npm start` does): an unknown flag or command is an error that names it and, for a
 * near miss (`--time-limt`, `lesson chek`), suggests the right spelling.
 *
 * @example
 * parseCli(['lesson', 'run', '03', '--no-png']); // { command: 'lesson run', ref: '03', png: false, ... }
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  descent lessons                  list lessons and their status
  descent lesson run <id>          run a lesson, print outputs, write figures to out/<id>/
  descent lesson check [id]        check one lesson or all; exits 1 on any failure
  descent lesson export <id>       write a static HTML page to out/<id>/index.html
  descent practice                 review interview questions (keys: space reveals, 1-4 rate, q quits)
  descent practice stats [--json]  count the question bank by topic, kind and difficulty
  descent practice check           check the bank: format, lessons, every coding question's tests
  descent serve <model>            serve a saved model over HTTP (descent serve --help)

<id> is a lesson id (02-linear-algebra), a unique prefix (02) or a path to a .md file.
Options:
  --dir <folder>         lessons folder (default: the nearest lessons/ above the current folder)
  --out <folder>         output folder (default: out/ beside the lessons folder)
  --time-limit <s>       seconds a cell may run before it is stopped (default 30)
  --db <file>            the app's database, whose progress \`descent lessons\` shows (default ~/.descent/descent.db)
  --no-png               write SVG figures only
  --help                 this text`;

const OPTIONS = {
  dir: { type: 'string' },
  out: { type: 'string' },
  db: { type: 'string' },
  'time-limit': { type: 'string' },
  'no-png': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS = ['lessons', 'lesson run', 'lesson check', 'lesson export', 'practice', 'help'];

export type Command = 'lessons' | 'lesson run' | 'lesson check' | 'lesson export' | 'help';

export interface ParsedCli {
  command: Command;
  /** The lesson the command is about (required by run and export, optional for check). */
  ref?: string;
  dir?: string;
  out?: string;
  db?: string;
  timeLimit?: number;
  png: boolean;
}

/** A usage error: the message, then the usage text, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

function suggest(word: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(word, k) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= Math.max(2, Math.floor(word.length / 4)) ? ` Did you mean ${best.k}?` : '';
}

export function parseCli(argv: string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const known = Object.keys(OPTIONS).map((o) => `--${o}`);
    const m = /option '(-{1,2}[^']+)'/.exec((e as Error).message);
    if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && m) {
      const flag = m[1]!.replace(/=.*/, '');
      throw new UsageError(`Unknown option ${flag}.${suggest(flag, known)} The options are ${known.join(', ')}.`, { cause: e });
    }
    throw new UsageError((e as Error).message, { cause: e });
  }
  const { values, positionals } = parsed;
  const png = !(values['no-png'] ?? false);
  if (values.help || positionals[0] === 'help') return { command: 'help', png };
  const [first, second, third, ...extra] = positionals;
  if (first === undefined) throw new UsageError('No command given.');
  const command = (first === 'lesson' ? `lesson ${second ?? ''}`.trim() : first) as Command;
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`Unknown command "${command}".${suggest(command, COMMANDS.filter((c) => c !== 'help').map((c) => `"${c}"`).map((c) => c.slice(1, -1)))}`);
  }
  const ref = command === 'lessons' ? second : third;
  const surplus = command === 'lessons' ? positionals.slice(1) : extra;
  if (surplus.length > 0) throw new UsageError(`Unexpected argument${surplus.length > 1 ? 's' : ''} after "${command}": ${surplus.join(' ')}.`);
  if ((command === 'lesson run' || command === 'lesson export') && ref === undefined) {
    throw new UsageError(`"descent ${command}" needs a lesson: descent ${command} 03 (an id, a unique prefix or a .md file).`);
  }
  const out: ParsedCli = { command, png };
  if (ref !== undefined) out.ref = ref;
  if (values.dir !== undefined) out.dir = values.dir;
  if (values.out !== undefined) out.out = values.out;
  if (values.db !== undefined) out.db = values.db;
  if (values['time-limit'] !== undefined) {
    const limit = Number(values['time-limit']);
    if (!(limit > 0)) throw new UsageError(`--time-limit must be a number of seconds > 0; got "${values['time-limit']}".`);
    out.timeLimit = limit;
  }
  return out;
}
