import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['**/node_modules', '**/build', '**/.svelte-kit', 'data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Roster is served at the root of its origin (no `paths.base`), so plain hrefs are correct.
      'svelte/no-navigation-without-resolve': 'off',
      // Maps and Sets here are temporaries built inside $derived (recomputed, never mutated later).
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Browser tests take `test` from their support module, which closes the contexts each test opens.
    files: ['tests/e2e/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message: "Import test from './support.ts': it closes the browser contexts a test opens.",
            },
          ],
        },
      ],
    },
  },
  {
    // Components never touch Y.*: the board's runes classes (*.svelte.ts) hold the documents.
    files: ['**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'yjs', message: 'Components never touch Yjs: add a method to a *.svelte.ts state class.' }],
          patterns: [
            { group: ['yjs/*'], message: 'Components never touch Yjs: add a method to a *.svelte.ts state class.' },
          ],
        },
      ],
    },
  },
  {
    // The server package is Node-only (PostgreSQL, Hocuspocus): the web app may share its types, not its code.
    files: ['web/**/*.ts', 'web/**/*.js', 'web/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@roster/server',
              allowTypeImports: true,
              message: 'Only type imports from @roster/server in web/: the server runs its own code.',
            },
          ],
          patterns: [
            {
              group: ['@roster/server/*'],
              allowTypeImports: true,
              message: 'Only type imports from @roster/server in web/: the server runs its own code.',
            },
          ],
        },
      ],
    },
  },
);
