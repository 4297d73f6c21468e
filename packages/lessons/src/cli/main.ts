/**
 * The `descent` command line.
 *
 *   descent lessons                   list lessons and their status
 *   descent lesson run <id>           run a lesson in the terminal, figures to out/<id>/
 *   descent lesson check [id]         run lessons and exercise checks; exit 1 on any failure
 *   descent lesson export <id>        write out/<id>/index.html
 *
 * Options: --dir <lessons folder>, --out <output folder>, --time-limit <seconds per cell>, --no-png
 */
import { dirname, join, resolve } from 'node:path';
import { findLessonsDir } from '../node/lessons';
import { parseCli, USAGE, UsageError } from './args';
import { checkCommand, exportCommand, listCommand, runCommand, type CliOptions } from './commands';

export async function main(argv: string[]): Promise<number> {
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
