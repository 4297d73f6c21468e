/**
 * The `descent` command line.
 *
 *   descent lessons                   list lessons and their status
 *   descent lesson run <id>           run a lesson in the terminal, figures to out/<id>/
 *   descent lesson check [id]         run lessons and exercise checks; exit 1 on any failure
 *   descent lesson export <id>        write out/<id>/index.html
 *   descent practice ...              interview practice (see src/cli/practice.ts)
 *   descent serve <model>             a prediction service for a saved model (see the app's src/serve/cli.ts)
 *
 * Options: --dir <lessons folder>, --out <output folder>, --time-limit <seconds per cell>, --no-png
 */
import { dirname, join, resolve } from 'node:path';
import { findLessonsDir } from '../node/lessons';
import { parseArgs } from 'node:util';
import { parseCli, USAGE, UsageError } from './args';
import { practiceCheckCommand, practiceStatsCommand } from './practice';
import { checkCommand, exportCommand, listCommand, runCommand, type CliOptions } from './commands';

/**
 * `descent practice ...`: `stats` and `check` read the bank here; reviewing runs on the app's
 * database (the same file `npm start` uses), so it lives in the app and parses its own flags.
 */
async function practiceCommand(argv: string[]): Promise<number> {
  const sub = argv[1];
  if (sub === 'stats' || sub === 'check') {
    let values;
    try {
      ({ values } = parseArgs({ args: argv.slice(2), options: { json: { type: 'boolean' }, bank: { type: 'string' }, dir: { type: 'string' } }, strict: true }));
    } catch (e) {
      console.error(`descent practice ${sub}: ${(e as Error).message}. The options are --json (stats), --bank <folder> and --dir <lessons folder>.`);
      return 2;
    }
    const bankDir = values.bank !== undefined ? resolve(values.bank) : undefined;
    if (sub === 'stats') return practiceStatsCommand(bankDir, values.json ?? false);
    return practiceCheckCommand(bankDir, values.dir !== undefined ? resolve(values.dir) : findLessonsDir());
  }
  const appModule = '@descent/app/practice-cli';
  const { practiceMain } = await import(appModule) as { practiceMain: (argv: string[]) => Promise<number> };
  return practiceMain(argv.slice(1));
}

/** `descent serve ...`: the prediction service lives in the app (it uses Fastify), like practice. */
async function serveCommand(argv: string[]): Promise<number> {
  const serveModule = '@descent/app/serve-cli';
  const { serveMain } = await import(serveModule) as { serveMain: (argv: string[]) => Promise<number> };
  return serveMain(argv.slice(1));
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'practice') return practiceCommand(argv);
  if (argv[0] === 'serve') return serveCommand(argv);
  let cli;
  try {
    cli = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`descent: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (cli.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const lessonsDir = cli.dir !== undefined ? resolve(cli.dir) : findLessonsDir();
  const options: CliOptions = {
    lessonsDir,
    outDir: cli.out !== undefined ? resolve(cli.out) : join(dirname(lessonsDir), 'out'),
    timeLimit: cli.timeLimit,
    png: cli.png,
  };
  if (cli.db !== undefined) options.appDb = resolve(cli.db);
  switch (cli.command) {
    case 'lessons': return listCommand(options);
    case 'lesson check': return checkCommand(cli.ref, options);
    case 'lesson run': return runCommand(cli.ref!, options);
    case 'lesson export': return exportCommand(cli.ref!, options);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`descent: ${(e as Error).message}`);
  process.exitCode = 2;
}
