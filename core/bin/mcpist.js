#!/usr/bin/env node
// The `mcpist` command (the `bin` of @mcpist/core). It is a committed file, not
// the build output itself, so that `npm install` on a fresh clone links it into
// node_modules/.bin before anything is built (npm skips a bin whose file does
// not exist yet); the CLI is core/dist/cli/main.js, built by `npm start` or
// `npm run build`.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write(
      'mcpist: the CLI is not built yet: run `npm start` (or `npm run build`) in the repository once, then try again\n',
    );
    process.exit(2);
  }
  throw error;
}
const code = await cli.runCli(process.argv.slice(2));
if (code !== 0) process.exit(code);
