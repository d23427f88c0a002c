import type { CloudClient } from 'jira.js';
import { collectPages } from './client.js';
import { type CommentTextRecord, type JiraComment, toCommentTextRecord } from './normalize-work.js';

/** Oldest first reads a conversation in order; newest first finds the latest word. */
export type CommentOrder = 'oldest' | 'newest';

/**
 * An issue's comments, following `startAt` pages of
 * `/rest/api/3/issue/{key}/comment` up to `limit`. Shared by list_comments and
 * get_issue's include_comments.
 */
export function fetchComments(
  api: CloudClient,
  issueKey: string,
  limit: number,
  order: CommentOrder,
): Promise<CommentTextRecord[]> {
  return collectPages<number, JiraComment, CommentTextRecord>({
    limit,
    first: 0,
    fetchPage: async (startAt, pageSize) => {
      const page = await api.issueComments.getComments({
        issueIdOrKey: issueKey,
        startAt,
        maxResults: pageSize,
        orderBy: order === 'newest' ? '-created' : 'created',
      });
      const comments = page.comments ?? [];
      const nextStart = (page.startAt ?? startAt) + comments.length;
      const done = typeof page.total === 'number' ? nextStart >= page.total : comments.length < pageSize;
      return { items: comments, next: done ? undefined : nextStart };
    },
    toRecord: toCommentTextRecord,
  });
}
