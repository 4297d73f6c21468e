/**
 * Writes the synthetic click-stream of the feature pipeline as Parquet: `scale` million events
 * in `DIR/events/part-NNNNN.parquet` (5 million rows per file, Zstandard) and the users'
 * labels in `DIR/labels.parquet`. Deterministic: the same scale writes the same rows. DuckDB
 * generates and writes the rows itself, so memory stays bounded by --memory-limit whatever the
 * scale. The simulation is described in packages/descent/src/bigdata/feature-sql.ts.
 *
 *   npx tsx tools/bigdata/generate-events.ts --out /tmp/events --scale 0.5    # 500,000 events, ~4 MB
 *   npx tsx tools/bigdata/generate-events.ts --out /data/events --scale 300   # 300 million, ~3 GB
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckDB, writeEventData } from 'descent/node';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    scale: { type: 'string', default: '0.5' },
    'memory-limit': { type: 'string', default: '256MB' },
    threads: { type: 'string', default: '2' },
  },
});
if (values.out === undefined) throw new Error('generate-events: pass --out DIR, the directory to write the Parquet files to');
const db = await openDuckDB({ memoryLimit: values['memory-limit'], threads: Number(values.threads), tempDirectory: join(values.out, 'spill') });
await db.run('SET preserve_insertion_order = false');
const t0 = performance.now();
const info = await writeEventData(db, values.out, Number(values.scale));
db.close();
console.log(`${info.events.toLocaleString('en')} events of ${info.users.toLocaleString('en')} users in ${info.files} file(s), `
  + `${(info.bytes / 2 ** 20).toFixed(1)} MB of Parquet, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
