import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', '.tmp/**', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a string union or an as-const object instead of enum.' }],
    },
  },
  {
    // The build's stand-ins for parts of bundled libraries are CommonJS like the
    // libraries they load, so that loading stays synchronous and on demand.
    files: ['scripts/bundle/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Storage is asynchronous: a store call that is not awaited (or handed on)
    // would let a reply go out before its write, or swallow the write's failure.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The core is pure: no clock reads, no environment, no console.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core takes configuration as arguments.' }, { name: 'console', message: 'src/core returns values; adapters log.' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union or an as-const object instead of enum.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core gets time from a Clock, never new Date().' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/core gets time from a Clock, never Date.now().' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'src/core takes randomness and ids as arguments.' },
      ],
    },
  },
);
