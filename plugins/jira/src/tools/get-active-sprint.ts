import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField } from '../input-fields.js';
import { type AgileSprint, type SprintRecord, sprintRecord, toSprintRecord } from '../normalize-agile.js';

export const getActiveSprint = defineTool({
  name: 'get_active_sprint',
  description: `Returns the sprint running now on a Jira Software scrum board (find the board id with list_boards).
Use it for "what is the current sprint", its dates and goal, then list_sprint_issues with its id for the work in it. A board usually has one active sprint; boards with parallel sprints return each, and an empty list means no sprint is running. Kanban boards have no sprints (Jira refuses the request).
Returns one record per active sprint: id, name, start, end, goal.`,
  input: z.object({
    board_id: z.number().int().positive().describe('Board id, e.g. 12 (from list_boards)'),
    limit: limitField,
  }),
  output: sprintRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { agile } = await createJiraClient(ctx);
    return collectPages<number, AgileSprint, SprintRecord>({
      limit: recordLimit(ctx, input.limit),
      first: 0,
      fetchPage: async (startAt, pageSize) => {
        const page = await agile.board.getAllSprints({
          boardId: input.board_id,
          state: 'active',
          startAt,
          maxResults: pageSize,
        });
        const values = page.values ?? [];
        const nextStart = (page.startAt ?? startAt) + values.length;
        return { items: values, next: page.isLast === false ? nextStart : undefined };
      },
      toRecord: toSprintRecord,
    });
  },
});
