// ESLint flat config: the layers of src/ (see README "Layers") as import rules, promises that
// are awaited or voided on purpose, and a line length that matches the code.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Libraries that a file in src/tools wraps: nowhere else imports them. */
const WRAPPED = [
  '@pdf-lib/fontkit', '@signpdf/[^/]+', 'ajv', 'asn1js', 'csv-parse', 'env-paths', 'node-forge', 'pdf-lib', 'pdfjs-dist', 'pkcs11js',
  'pkijs', 'proper-lockfile', 'sharp', 'tesseract\\.js', 'zxing-wasm',
]
/** Terminal libraries: only src/ui (and the commands, the terminal's edge) draw on the terminal. */
const TERMINAL = ['chalk', 'ora', '@inquirer/[^/]+', 'cli-progress']

/** An import rule matching these package names exactly (and their subpaths), not files named like them. */
const packages = (names, message) => ({regex: `^(${names.join('|')})(/.*)?$`, message})
const layer = (...groups) => ({'no-restricted-imports': ['error', {patterns: groups}]})
const group = (names, message) => ({group: names, message})
const wrapped = packages(WRAPPED, 'Wrapped libraries are imported only in src/tools (one file wraps each).')
const terminal = packages(TERMINAL, 'Terminal output (chalk, ora, prompts, progress bars) belongs in src/ui.')
const oclif = packages(['@oclif/[^/]+'], 'oclif belongs in src/commands and src/ui.')

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'max-len': ['error', {code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true}],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: layer(
      group(['../pipeline/*', '../tools/*', '../ui/*', '../commands/*', '../../*'], 'src/core imports only src/core.'),
      {regex: '^[^.]', message: 'src/core is pure: no Node built-ins and no npm packages (I/O goes through ports).'},
    ),
  },
  {
    files: ['src/pipeline/**/*.ts'],
    rules: layer(
      group(['**/ui/*', '**/commands/*'], 'src/pipeline never imports src/ui or src/commands: it takes a reporter port from core.'),
      wrapped, terminal, oclif,
    ),
  },
  {
    files: ['src/tools/**/*.ts'],
    rules: layer(group(['**/pipeline/*', '**/ui/*', '**/commands/*'], 'src/tools imports only src/core.'), terminal, oclif),
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: layer(group(['**/commands/*'], 'src/ui never imports src/commands.'), wrapped),
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: layer(wrapped),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {'@typescript-eslint/no-explicit-any': 'off'},
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {process: 'readonly', console: 'readonly', URL: 'readonly'},
    },
  },
)
