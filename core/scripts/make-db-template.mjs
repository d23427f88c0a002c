// Builds an initialised, migrated PGlite data folder once per schema change,
// so a new embedded store starts in ~0.5 s instead of paying initdb (~4 s):
// - dist/store/pglite-template.tar: loaded by in-memory stores (tests);
// - dist/store/pglite-template/: copied as is into a new data folder (first
//   `npm start`), which is faster than unpacking the archive (~0.3 s vs ~2 s).
// Tests run from sources build the same template in vitest's global setup.
import { ensurePgliteTemplate } from '../dist/store/pglite-template.js';

console.log('preparing the pglite template (an initialised, migrated database; once per schema change)…');
const started = performance.now();
const written = await ensurePgliteTemplate();
console.log(
  written ? `pglite template written (${Math.round(performance.now() - started)} ms)` : 'pglite template is up to date',
);
