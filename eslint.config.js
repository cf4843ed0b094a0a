// ESLint flat config: typescript-eslint recommended rules over src/, test/ and bench/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', 'src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Code that runs in a browser page: the dashboard's script and the msw app the browser test bundles.
  {
    files: ['src/mock/dashboard/**/*.js', 'test/browser/msw-app/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
