import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField, projectKeyField } from '../input-fields.js';
import { type AgileBoard, type BoardRecord, boardRecord, toBoardRecord } from '../normalize-agile.js';

export const listBoards = defineTool({
  name: 'list_boards',
  description: `Lists the Jira Software boards (scrum and kanban) the connected account can see, following pages up to the server's record limit or "limit".
Use it to find a board's id before asking for its active sprint (get_active_sprint), e.g. for "what is in the current sprint of PROJ?"; filter by project_key, type or a word of the name.
Returns one record per board: id, name, type, project_key.`,
  input: z.object({
    project_key: projectKeyField.optional().describe('Only boards of this project, e.g. "PROJ"'),
    type: z
      .enum(['scrum', 'kanban', 'simple'])
      .optional()
      .describe('Only boards of this type; sprints live on scrum boards'),
    name: z.string().trim().min(1).max(255).optional().describe('Only boards whose name contains this text'),
    limit: limitField,
  }),
  output: boardRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { agile } = await createJiraClient(ctx);
    // /rest/agile/1.0/board pages by offset (startAt, isLast); Jira caps a page at 50 boards.
    return collectPages<number, AgileBoard, BoardRecord>({
      limit: recordLimit(ctx, input.limit),
      first: 0,
      fetchPage: async (startAt, pageSize) => {
        const page = await agile.board.getAllBoards({
          startAt,
          maxResults: pageSize,
          projectKeyOrId: input.project_key,
          type: input.type,
          name: input.name,
        });
        const values = page.values ?? [];
        const nextStart = (page.startAt ?? startAt) + values.length;
        return { items: values, next: page.isLast === true ? undefined : nextStart };
      },
      toRecord: toBoardRecord,
    });
  },
});
