// ESLint for the theme's scripts and the tests' Node scripts: one style for all of them
// (`make lint` runs it; the versions are pinned in package-lock.json).
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import globals from "globals";

const style = {
  "@stylistic/indent": ["error", 2, {SwitchCase: 1, flatTernaryExpressions: true, ObjectExpression: "first"}],
  "@stylistic/semi": ["error", "always"],
  "@stylistic/quotes": ["error", "double", {avoidEscape: true}],
  "@stylistic/object-curly-spacing": ["error", "never"],
  "@stylistic/array-bracket-spacing": ["error", "never"],
  "@stylistic/comma-spacing": "error",
  "@stylistic/comma-dangle": ["error", "always-multiline"],
  "@stylistic/key-spacing": "error",
  "@stylistic/keyword-spacing": "error",
  "@stylistic/space-before-blocks": "error",
  "@stylistic/space-infix-ops": "error",
  "@stylistic/arrow-parens": ["error", "as-needed"],
  "@stylistic/brace-style": ["error", "1tbs", {allowSingleLine: true}],
  "@stylistic/eol-last": "error",
  "@stylistic/no-trailing-spaces": "error",
  "@stylistic/no-multiple-empty-lines": ["error", {max: 1}],
  "@stylistic/max-len": ["error", {code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true}],
  "no-var": "error",
  "prefer-const": "error",
  "prefer-arrow-callback": "error",
  "curly": ["error", "multi-line"],
  "@stylistic/space-before-function-paren": ["error", {anonymous: "always", named: "never", asyncArrow: "always"}],
  "eqeqeq": "error",
  "no-unused-vars": ["error", {caughtErrors: "none"}],
};

export default [
  // Third-party files, vendored unchanged (each folder's README.txt says from where).
  {ignores: ["generator/theme/assets/javascripts/vendor/"]},
  js.configs.recommended,
  {
    // Loaded by the pages (theme/main.html) as classic scripts.
    files: ["generator/theme/assets/javascripts/*.js"],
    // Each runs in its own function, so that none of its names reaches the page's globals.
    languageOptions: {ecmaVersion: 2020, sourceType: "script", globals: {...globals.browser}},
    plugins: {"@stylistic": stylistic},
    rules: {...style, "strict": ["error", "function"]},
  },
  {
    // The search worker and the engine it loads run in a Web Worker.
    files: ["generator/theme/assets/javascripts/search-{worker,engine,messages}.js"],
    // A worker's global scope is its own: the engine hands itself over as self.searchEngine.
    languageOptions: {globals: {...globals.worker}},
    rules: {"strict": ["error", "global"]},
  },
  {
    // The editing server's page (make edit): classic scripts beside the vendored json-editor,
    // which is checked by its own project and is not ours to restyle.
    files: ["generator/edit/static/*.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "script", globals: {...globals.browser, JSONEditor: "readonly"}},
    plugins: {"@stylistic": stylistic},
    rules: {...style, "strict": ["error", "function"]},
  },
  {
    files: ["site_tests/*.mjs", "eslint.config.mjs"],
    languageOptions: {ecmaVersion: 2022, sourceType: "module", globals: {...globals.node}},
    plugins: {"@stylistic": stylistic},
    rules: style,
  },
];
