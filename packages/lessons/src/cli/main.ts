/**
 * The `descent` command line.
 *
 *   descent lessons                   list lessons and their status
 *   descent lesson run <id>           run a lesson in the terminal, figures to out/<id>/
 *   descent lesson check [id]         run lessons and exercise checks; exit 1 on any failure
 *   descent lesson export <id>        write out/<id>/index.html
 *   descent practice ...              interview practice (see src/cli/practice.ts)
 *
 * Options: --dir <lessons folder>, --out <output folder>, --time-limit <seconds per cell>, --no-png
 */
import { dirname, join, resolve } from 'node:path';
import { findLessonsDir } from '../node/lessons';
import { practiceCheckCommand, practiceStatsCommand } from './practice';
import { checkCommand, exportCommand, listCommand, runCommand, type CliOptions } from './commands';

const USAGE = `Usage:
  descent lessons                  list lessons and their status
  descent lesson run <id>          run a lesson, print outputs, write figures to out/<id>/
  descent lesson check [id]        check one lesson or all; exits 1 on any failure
  descent lesson export <id>       write a static HTML page to out/<id>/index.html
  descent practice                 review interview questions (keys: space reveals, 1-4 rate, q quits)
  descent practice stats [--json]  count the question bank by topic, kind and difficulty
  descent practice check           check the bank: format, lessons, every coding question's tests

<id> is a lesson id (02-linear-algebra), a unique prefix (02) or a path to a .md file.
Options:
  --dir <folder>         lessons folder (default: the nearest lessons/ above the current folder)
  --out <folder>         output folder (default: out/ beside the lessons folder)
  --time-limit <s>       seconds a cell may run before it is stopped (default 30)
  --no-png               write SVG figures only`;

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (['--no-png', '--help', '--json', '--cram', '--restore-backup'].includes(arg)) flags.set(arg.slice(2), true);
    else flags.set(arg.slice(2), argv[++i] ?? '');
  }
  return { positional, flags };
}

async function practiceCommand(sub: string | undefined, argv: string[], flags: Map<string, string | true>, options: CliOptions): Promise<number> {
  const bank = flags.get('bank');
  const bankDir = typeof bank === 'string' ? resolve(bank) : undefined;
  if (sub === 'stats') return practiceStatsCommand(bankDir, flags.has('json'));
  if (sub === 'check') return practiceCheckCommand(bankDir, options.lessonsDir);
  // Reviewing uses the app's database (the same file `npm start` uses), so it lives in the app.
  const appModule = '@descent/app/practice-cli';
  const { practiceMain } = await import(appModule) as { practiceMain: (argv: string[]) => Promise<number> };
  return practiceMain(argv.slice(1));
}

export async function main(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, sub, ref] = positional;
  // `descent practice --help` is the practice command's own help.
  if (command === undefined || (flags.has('help') && command !== 'practice') || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  const lessonsDir = typeof flags.get('dir') === 'string' ? resolve(flags.get('dir') as string) : findLessonsDir();
  const limit = flags.get('time-limit');
  const options: CliOptions = {
    lessonsDir,
    outDir: typeof flags.get('out') === 'string' ? resolve(flags.get('out') as string) : join(dirname(lessonsDir), 'out'),
    timeLimit: typeof limit === 'string' ? Number(limit) : undefined,
    png: !flags.has('no-png'),
  };
  if (options.timeLimit !== undefined && !(options.timeLimit > 0)) {
    console.error('--time-limit must be a number of seconds > 0.');
    return 2;
  }
  if (command === 'lessons') return listCommand(options);
  if (command === 'practice') return practiceCommand(sub, argv, flags, options);
  if (command === 'lesson' && sub === 'check') return checkCommand(ref, options);
  if (command === 'lesson' && (sub === 'run' || sub === 'export') && ref !== undefined) {
    return sub === 'run' ? runCommand(ref, options) : exportCommand(ref, options);
  }
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`descent: ${(e as Error).message}`);
  process.exitCode = 2;
}
