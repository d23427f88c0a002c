import { z } from '@mcpist/plugin-sdk';

/**
 * Input fields several tools share. The patterns follow GitHub's naming rules
 * (with `_` and `.` allowed for Enterprise Managed Users), so a malformed name
 * fails validation instead of costing an upstream request.
 */

export const ownerField = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .describe('Account that owns the repository: a user login or an organization, e.g. "octocat"');

export const repoField = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .describe('Repository name without the owner, e.g. "hello-world"');

export const labelsField = z.array(z.string().min(1).max(50)).max(20);

export const issueNumberField = z
  .number()
  .int()
  .positive()
  .describe('The issue number shown as #123 on GitHub (pull requests share the numbering)');

export const pullNumberField = z.number().int().positive().describe('The pull request number shown as #123 on GitHub');

export const loginsField = z.array(z.string().min(1).max(100)).max(10);

/** A branch name, tag or commit sha. */
export const refField = z.string().trim().min(1).max(255);

/**
 * A branch name as git allows it (no spaces, `..`, `~^:?*[\`, or a leading
 * `-`); a `refs/heads/` prefix is dropped, since the tools add it themselves.
 */
export const branchNameField = z
  .string()
  .trim()
  .transform((name) => name.replace(/^refs\/heads\//, ''))
  .pipe(
    z
      .string()
      .min(1)
      .max(255)
      .regex(/^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[^\s\p{Cc}~^:?*[\\]+(?<![./])$/u, 'not a valid branch name'),
  );

export const runIdField = z
  .number()
  .int()
  .positive()
  .describe('Workflow run id (the id from list_workflow_runs, also the number in …/actions/runs/<id> links)');
