/**
 * `openStorage(url)`: a storage from an Optuna-style URL, for the command line and config
 * files. `sqlite:///study.db` (relative) or `sqlite:////abs/study.db` opens an `SQLiteStorage`;
 * `postgresql://user:pw@host:port/db` (or `postgres://…`) a `PostgresStorage`.
 *
 * ```ts
 * import { createStudy } from 'descent/tune';
 * import { openStorage } from 'descent/node';
 * const storage = openStorage(process.env.STUDY_URL ?? 'sqlite:///study.db');
 * const study = await createStudy({ storage, studyName: 'svm', loadIfExists: true });
 * ```
 */
import { PostgresStorage } from './postgres-storage.js';
import { SQLiteStorage } from './sqlite-storage.js';

export function openStorage(url: string): SQLiteStorage | PostgresStorage {
  if (typeof url === 'string' && url.startsWith('sqlite:///')) {
    const path = url.slice('sqlite:///'.length);
    if (path.length === 0) throw new Error('openStorage: a sqlite URL needs a file, e.g. sqlite:///study.db.');
    return new SQLiteStorage(path);
  }
  if (typeof url === 'string' && /^postgres(ql)?:\/\//.test(url)) return new PostgresStorage(url);
  throw new Error(`openStorage: unsupported URL ${JSON.stringify(url)}; use sqlite:///file.db or postgresql://user:pw@host/db.`);
}
