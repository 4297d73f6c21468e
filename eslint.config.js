// Lint rules: typescript-eslint's recommended set, plus the few rules that keep
// library code runnable in the browser (no Node built-ins inside packages/descent/src).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'packages/app/dist*/**', 'out/**', 'bench/results/**', 'tools/fixtures/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'prefer-const': 'error',
    },
  },
  {
    files: ['packages/descent/src/**/*.ts'],
    // src/node is the Node-only corner (file loaders), published as descent/node.
    ignores: ['packages/descent/src/tour/**', 'packages/descent/src/node/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
          message: 'The library runs unchanged in the browser: no Node built-ins under packages/descent/src.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
