// Last step of `npm run build`: makes the CLI executable (the `mcpist` bin that
// npm links, so `npx mcpist` works) and records that a complete build exists,
// for `build-if-stale.mjs`.
import { chmodSync, writeFileSync } from 'node:fs';

chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
writeFileSync(new URL('../dist/.build-complete', import.meta.url), `${new Date().toISOString()}\n`);
