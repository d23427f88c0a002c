import { readFileSync } from 'node:fs';

/** The core package's version (from core/package.json, beside src/ and dist/). */
export const MCPIST_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
