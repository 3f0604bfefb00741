import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Module boundaries: another module may import only a context's service file. */
const moduleBoundary = {
  patterns: [
    {
      group: ['../*/*.repo.ts', '../*/*.routes.ts', '../*/*.policy.ts', '../*/*-data.ts'],
      message: 'Import another module only through its <context>.service.ts file.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'apps/web/dist/', 'data/', 'coverage/', '.test-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly' } },
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', moduleBoundary] },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['eslint.config.js', '**/vite.config.ts', '**/vitest.config.ts', '**/vitest.*.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
