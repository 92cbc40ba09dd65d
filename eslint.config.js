import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Classic zod attaches its methods to every schema it builds: building the API's schemas that way was
    // most of the service worker's start-up script. The extension's code uses zod/mini.
    files: ['lib/**', 'entrypoints/**', 'components/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: 'Use zod/mini (see eslint.config.js).' }] }],
    },
  },
);
