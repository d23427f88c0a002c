import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { transitionRecord } from '../normalize.js';

/** The parts of Jira's issue transition object we read. */
interface JiraTransition {
  id?: string;
  name?: string;
  to?: { name?: string };
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.toLowerCase();

/** By id, then by transition name, then by the name of the status it leads to. */
export function pickTransition(transitions: readonly JiraTransition[], wanted: string): JiraTransition | undefined {
  return (
    transitions.find((transition) => transition.id === wanted) ??
    transitions.find((transition) => same(transition.name, wanted)) ??
    transitions.find((transition) => same(transition.to?.name, wanted))
  );
}

function describeAvailable(transitions: readonly JiraTransition[]): string {
  if (transitions.length === 0) return 'none are available to this account now';
  return transitions
    .map((transition) => `"${transition.name ?? '?'}" (id ${transition.id ?? '?'} → ${transition.to?.name ?? '?'})`)
    .join(', ');
}

export const transitionIssue = defineTool({
  name: 'transition_issue',
  description: `Moves a Jira issue through its workflow (e.g. To Do → In Progress → Done) by performing a transition.
Use it when the user asks to start, resolve, close, reopen or otherwise change the status of an issue. Give the transition's name or id, or the name of the status to move to. If no transition matches, the error lists the transitions available for the issue, with their ids and target statuses: pick one and call again.
Returns key, transition (the one performed) and status (the new status).`,
  input: z.object({
    issue_key: issueKeyField,
    transition: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .describe(
        'Transition name (e.g. "Start progress"), transition id (e.g. "21"), or target status name (e.g. "Done")',
      ),
  }),
  output: transitionRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    const { transitions = [] } = await api.issues.getTransitions({ issueIdOrKey: input.issue_key });
    const chosen = pickTransition(transitions, input.transition);
    if (!chosen?.id) {
      throw new InvalidInputError(
        `no transition "${input.transition}" for ${input.issue_key}; available: ${describeAvailable(transitions)}`,
        { field: 'transition' },
      );
    }
    await api.issues.doTransition({ issueIdOrKey: input.issue_key, transition: { id: chosen.id } });
    return { key: input.issue_key, transition: chosen.name ?? chosen.id, status: chosen.to?.name ?? null };
  },
});
