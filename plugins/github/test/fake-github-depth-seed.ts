/**
 * Seeds the fake GitHub's branches, labels, reviews, workflow runs, releases
 * and notifications, for the tools beyond issues, pulls and files.
 */

import {
  type GitHubRelease,
  type GitHubThread,
  type GitHubWorkflowRun,
  makeRelease,
  makeThread,
  makeWorkflowRun,
} from './fake-github-activity-data.js';
import {
  type GitHubAccount,
  type GitHubLabel,
  type GitHubRepo,
  labelId,
  makeAccount,
  makeLabel,
} from './fake-github-data.js';
import { fakeSha, type GitHubPull } from './fake-github-git-data.js';
import {
  type GitHubReview,
  type GitHubReviewComment,
  makeReview,
  makeReviewComment,
} from './fake-github-review-data.js';

/** How much of each the fake holds. Every field is optional. */
export interface FakeGitHubDepthOptions {
  /** Extra branches of `owner/repo`, named `topic-1`…, besides `main` and the pull requests' branches. Default 0. */
  branches?: number;
  /** Labels defined in `owner/repo`: bug, enhancement, documentation, then `area-4`…. Default 3. */
  labels?: number;
  /** Reviews of the first pull request by `reviewer`, oldest first; states cycle COMMENTED, CHANGES_REQUESTED, APPROVED. Default 2. */
  reviews?: number;
  /** Review comments on the first pull request; every second answers the one before. Default 2. */
  reviewComments?: number;
  /** Workflow runs of `owner/repo`; the newest is in progress, every third failed. Default 3. */
  workflowRuns?: number;
  /** Releases of `owner/repo`; with three or more, the newest is a prerelease. Default 3. */
  releases?: number;
  /** Notification threads of the authenticated user; every third is read. Default 3. */
  notifications?: number;
}

/** The seed data the depth routes serve; mutable, so tests may change it. */
export interface FakeGitHubDepthSeed {
  /** Commit each branch points at, by branch name. `create_branch` and file commits move these. */
  branchHeads: Record<string, string>;
  /** Labels defined in `owner/repo`. */
  labels: GitHubLabel[];
  /** Another account, a collaborator who reviews (pulls are authored by `user`, who cannot approve them). */
  reviewer: GitHubAccount;
  /** Logins that may be asked to review. */
  collaborators: string[];
  reviews: GitHubReview[];
  reviewComments: GitHubReviewComment[];
  /** Workflow runs, newest first. */
  workflowRuns: GitHubWorkflowRun[];
  /** Releases, newest first. */
  releases: GitHubRelease[];
  /** Notification threads, most recently updated first. */
  notifications: GitHubThread[];
}

const DEFAULT_LABELS = ['bug', 'enhancement', 'documentation'];

export interface DepthSeedBase {
  api: string;
  repo: GitHubRepo;
  user: GitHubAccount;
  branches: string[];
  pulls: GitHubPull[];
}

export function seedDepth(options: FakeGitHubDepthOptions, base: DepthSeedBase): FakeGitHubDepthSeed {
  const { api, repo, user, branches, pulls } = base;
  for (let i = 1; i <= (options.branches ?? 0); i++) branches.push(`topic-${i}`);
  const branchHeads: Record<string, string> = {};
  for (const branch of branches) branchHeads[branch] = fakeSha(`${repo.full_name}@${branch}`);

  const labels = Array.from({ length: options.labels ?? 3 }, (_, i) => {
    const name = DEFAULT_LABELS[i] ?? `area-${i + 1}`;
    const label = makeLabel(api, repo.full_name, name, labelId(name));
    return { ...label, description: i < DEFAULT_LABELS.length ? `Default ${name} label` : `Work on area ${i + 1}` };
  });

  const reviewer = makeAccount(api, 'hubot', 2, 'User');
  const first = pulls[0];
  const reviews: GitHubReview[] = [];
  const reviewComments: GitHubReviewComment[] = [];
  if (first) {
    for (let i = 1; i <= (options.reviews ?? 2); i++) {
      reviews.push(makeReview({ api, pull: first, id: 80_000_000 + i, user: reviewer }));
    }
    for (let i = 1; i <= (options.reviewComments ?? 2); i++) {
      const id = 90_000_000 + i;
      reviewComments.push(
        makeReviewComment({
          api,
          pull: first,
          id,
          user: i % 2 === 0 ? user : reviewer,
          reviewId: reviews[0]?.id ?? null,
          inReplyTo: i % 2 === 0 ? id - 1 : undefined,
          line: i % 2 === 0 ? 2 : 1 + (i % 3),
        }),
      );
    }
  }

  const workflowRuns: GitHubWorkflowRun[] = [];
  const runs = options.workflowRuns ?? 3;
  for (let i = 1; i <= runs; i++) {
    const pull = i % 4 === 0 ? pulls[i % Math.max(1, pulls.length)] : undefined;
    const branch = pull?.head.ref ?? 'main';
    workflowRuns.unshift(
      makeWorkflowRun({ api, repo, index: i, actor: user, branch, pullNumber: pull?.number }, i === runs),
    );
  }

  const releaseCount = options.releases ?? 3;
  const releases: GitHubRelease[] = [];
  for (let i = 1; i <= releaseCount; i++) {
    releases.unshift(makeRelease(api, repo, i, user, releaseCount >= 3 && i === releaseCount));
  }

  const notifications: GitHubThread[] = [];
  for (let i = 1; i <= (options.notifications ?? 3); i++) notifications.unshift(makeThread(api, repo, i));

  return {
    branchHeads,
    labels,
    reviewer,
    collaborators: [user.login, reviewer.login, 'monalisa'],
    reviews,
    reviewComments,
    workflowRuns,
    releases,
    notifications,
  };
}
