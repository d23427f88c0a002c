import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { notificationRecord, toNotificationRecord } from '../normalize-activity.js';

export const listNotifications = defineTool({
  name: 'list_notifications',
  description: `Lists the connected account's GitHub notifications (its inbox), most recently updated first, following pages up to the server's record limit. Unread only unless all is true; reading them here does not mark them read.
Use it for "what needs my attention on GitHub?": review requests, mentions, assignments, CI results. Narrow with participating, since or before; open an item with get_issue or get_pull_request using repository and number.
Returns one record per thread: id, repository, type, title, number, reason, unread, updated_at, html_url.`,
  input: z.object({
    all: z.boolean().default(false).describe('true: also notifications already read; default unread only'),
    participating: z
      .boolean()
      .default(false)
      .describe('true: only where the account is directly involved (mentioned, assigned, review requested, author)'),
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only notifications updated after this RFC 3339 time, e.g. 2026-01-31T00:00:00Z'),
    before: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only notifications updated before this RFC 3339 time, e.g. 2026-02-01T00:00:00Z'),
  }),
  output: notificationRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    // GitHub pages notifications up to 50 per page.
    const pages = octokit.paginate.iterator(octokit.rest.activity.listNotificationsForAuthenticatedUser, {
      all: input.all,
      participating: input.participating,
      since: input.since,
      before: input.before,
      per_page: Math.min(50, pageSize(ctx)),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toNotificationRecord);
  },
});
