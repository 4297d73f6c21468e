#!/usr/bin/env node
/**
 * Builds the package other projects install: `packages/descent/dist/` holds the JavaScript
 * and declaration files (tsc with tsconfig.build.json) and the manifest written here.
 *
 *   node packages/descent/scripts/build-package.mjs            # build dist/
 *   node packages/descent/scripts/build-package.mjs --pack DIR # build, then `npm pack` into DIR
 *
 * Why a generated manifest: inside this repository the package is the workspace `descent`,
 * whose `exports` point at the TypeScript sources, so the lessons, the app and the tests
 * import `descent/tensor` and run it without a build step (tsx, Vite, Vitest). Published, it
 * is `@descent-ml/descent` (the name `descent` is taken on npm) with `types` and `import`
 * conditions pointing into the built files. Renaming the workspace instead would break every
 * `descent/...` import, and a `source` export condition would need `--conditions=source` on
 * every Node and tsx invocation in the repository.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { values } = parseArgs({ options: { pack: { type: 'string' } } });

export const PUBLISHED_NAME = '@descent-ml/descent';

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}`);
    throw new Error(`${cmd} ${args.join(' ')} failed with status ${r.status}`);
  }
  return r.stdout;
}

rmSync(dist, { recursive: true, force: true });
const tsc = join(root, '../../node_modules/typescript/bin/tsc');
run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')]);

const workspace = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const exports = {};
for (const [subpath, source] of Object.entries(workspace.exports)) {
  const file = source.replace(/^\.\/src\//, './').replace(/\.ts$/, '');
  exports[subpath] = { types: `${file}.d.ts`, import: `${file}.js` };
}
exports['./package.json'] = './package.json';

const manifest = {
  name: PUBLISHED_NAME,
  version: workspace.version,
  description: workspace.description,
  type: 'module',
  license: workspace.license,
  sideEffects: false,
  engines: { node: '>=20.19' },
  exports,
  // Only the build: no sources, tests or fixtures in the tarball.
  files: ['**/*.js', '**/*.d.ts', 'README.md', 'LICENSE'],
  peerDependencies: workspace.peerDependencies,
  peerDependenciesMeta: workspace.peerDependenciesMeta,
  keywords: ['machine-learning', 'tensor', 'autograd', 'neural-networks', 'scikit-learn', 'typescript'],
};
writeFileSync(join(dist, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'README.md'), join(dist, 'README.md'));
copyFileSync(join(root, '../../LICENSE'), join(dist, 'LICENSE'));

if (values.pack !== undefined) {
  const out = resolve(values.pack);
  mkdirSync(out, { recursive: true }); // npm pack fails with ENOENT on a folder that does not exist
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out], { cwd: dist }));
  console.log(join(out, packed[0].filename));
} else {
  console.log(`Built ${PUBLISHED_NAME}@${workspace.version} in ${dist}`);
}
