import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate } from '../store/pglite-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file each test hub appends its start time (ms) to; the summary reporter prints the median. */
    hubStartsFile: string;
  }
}

/** Where this run's hub start times go; read by vitest.summary-reporter.ts. */
export const HUB_STARTS_ENV = 'MCPIST_TEST_HUB_STARTS_FILE';

/**
 * Runs once before the suite. Tests run from sources, where no build has
 * necessarily made the store template; without it every in-memory hub would
 * pay PostgreSQL's initdb (~4 s) instead of loading the template.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensurePgliteTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'mcpist-hub-starts-'));
  const file = join(dir, 'starts.txt');
  process.env[HUB_STARTS_ENV] = file;
  project.provide('hubStartsFile', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
