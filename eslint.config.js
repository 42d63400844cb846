// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'url',
  'events',
  'stream',
  'buffer',
  'util',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.desk-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // zod's inferred unions make this rule noisy without catching real faults.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: [
      'src/main/**',
      'src/hub/**',
      'src/engine/**',
      'src/browser-shell/**',
      'src/demo/**',
      'src/tools/**',
      'build/**',
      'tests/**',
      '*.ts',
      '*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Shared code runs on every side: no Electron, no Node built-ins, no DOM.
    files: ['src/shared/**'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare built-in names are listed as paths so that relative modules such as
          // './events' are not caught by accident.
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'src/shared must not use Node built-ins.' })),
          patterns: [
            { group: ['node:*'], message: 'src/shared must not use Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'src/shared must not import Electron.' },
            { group: ['react', 'react-dom', 'react/*'], message: 'src/shared must not import React.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'process',
          'require',
          'Buffer',
          '__dirname',
        ].map((name) => ({ name, message: 'src/shared is pure TypeScript: no DOM and no Node globals.' })),
      ],
    },
  },
);
