import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('list_comments and add_comment', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const run = (tool: string, input: Record<string, unknown>) =>
    runTool(plugin, tool, input, { baseUrl: notion.url, credential: notion.token });

  it('lists the comments of a page', async () => {
    notion = await startFakeNotion({ comments: 2 });
    const records = await run('list_comments', { page_id: notion.seed.home.id });

    expect(notion.requests[0]?.path).toBe('/v1/comments');
    expect(Object.fromEntries(notion.requests[0]?.query ?? [])).toEqual({
      block_id: notion.seed.home.id,
      page_size: '100',
    });
    const [first] = notion.seed.comments;
    expect(records).toEqual([
      {
        id: first?.id,
        discussion_id: first?.discussion_id,
        created_time: first?.created_time,
        created_by: notion.seed.users[0]?.id,
        text: 'Comment 1',
      },
      expect.objectContaining({ text: 'Comment 2' }),
    ]);
  });

  it('adds a comment on a page, and a reply in a discussion', async () => {
    notion = await startFakeNotion({ comments: 1 });
    const comment = await run('add_comment', { page_id: notion.seed.home.id, text: 'Looks **good**' });
    expect(notion.requests[0]).toMatchObject({ method: 'POST', path: '/v1/comments' });
    expect(notion.requests[0]?.body).toEqual({
      parent: { page_id: notion.seed.home.id },
      rich_text: [
        { type: 'text', text: { content: 'Looks ' } },
        { type: 'text', text: { content: 'good' }, annotations: { bold: true } },
      ],
    });
    expect(comment).toMatchObject({ text: 'Looks **good**', created_by: notion.seed.bot.id });

    const discussion = notion.seed.comments[0]?.discussion_id;
    const reply = await run('add_comment', { discussion_id: discussion, text: 'Thanks' });
    expect(notion.requests[1]?.body).toEqual({
      discussion_id: discussion,
      rich_text: [{ type: 'text', text: { content: 'Thanks' } }],
    });
    expect(reply).toMatchObject({ discussion_id: discussion });
  });
});
