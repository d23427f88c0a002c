import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { startTestHub, type TestHub } from './test-hub.js';

/** A fake GitHub with three issues, and a test hub whose user has connected it. */
export interface GitHubHub {
  github: FakeGitHub;
  hub: TestHub;
}

/** Starts the set-up many MCP tests share; close it with `closeGitHubHub`. */
export async function startGitHubHub(): Promise<GitHubHub> {
  const github = await startFakeGitHub({ issues: 3 });
  const hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  await hub.setCredential('github', github.token);
  return { github, hub };
}

/** Closes what `startGitHubHub` started, or the part of it that did start. */
export async function closeGitHubHub(started: Partial<GitHubHub>): Promise<void> {
  await started.hub?.close();
  await started.github?.close();
}
