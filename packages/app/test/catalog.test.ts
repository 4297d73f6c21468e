/**
 * The lesson catalog reads the lessons folder as it is now: a lesson written, changed or
 * removed while the server runs, and a changed curriculum.json, show on the next read; a name
 * that is not a lesson file's (a path, `..`) is never looked up.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../src/server/catalog.js';
import { copyFixtureLessons, tempDir } from './helpers.js';

const tmp = tempDir('descent-catalog-');
const dir = copyFixtureLessons(tmp.dir);
afterAll(() => tmp.cleanup());

describe('Catalog', () => {
  it('follows the folder: new, changed and removed lessons, and the curriculum file', () => {
    const catalog = new Catalog(dir);
    expect(catalog.ids()).toEqual(['01-mean', '02-tables']);
    expect(catalog.all().map((l) => l.view.id)).toEqual(['01-mean', '02-tables']);
    const mean = readFileSync(join(dir, '01-mean.md'), 'utf8');
    writeFileSync(join(dir, '03-copy.md'), mean.replace(/^id: .*$/m, 'id: 03-copy'));
    expect(catalog.all().map((l) => l.view.id)).toEqual(['01-mean', '02-tables', '03-copy']);
    const before = catalog.get('01-mean')!.view.title;
    writeFileSync(join(dir, '01-mean.md'), mean.replace(/^title: .*$/m, 'title: A new title'));
    utimesSync(join(dir, '01-mean.md'), new Date(), new Date(Date.now() + 5000)); // a different mtime, whatever the clock's grain
    expect(catalog.get('01-mean')!.view.title).toBe('A new title');
    expect(before).not.toBe('A new title');
    rmSync(join(dir, '03-copy.md'));
    expect(catalog.get('03-copy')).toBeUndefined();

    const file = join(dir, 'curriculum.json');
    const map = JSON.parse(readFileSync(file, 'utf8')) as { parts: { title: string }[] };
    expect(catalog.curriculum()).toEqual(map);
    map.parts[0]!.title = 'Renamed part';
    writeFileSync(file, JSON.stringify(map));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(catalog.curriculum().parts[0]!.title).toBe('Renamed part');
  });

  it('looks up only names of lesson files', () => {
    const catalog = new Catalog(dir);
    writeFileSync(join(dir, 'notes.md'), '# not a lesson');
    for (const id of ['../01-mean', '01-mean/..', 'notes', '01-MEAN', '', '99-missing']) expect(catalog.get(id)).toBeUndefined();
    expect(catalog.get('01-mean')?.view.id).toBe('01-mean');
  });
});
