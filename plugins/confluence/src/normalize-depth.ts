import { z } from '@mcpist/plugin-sdk';
import { storageToMarkdown } from './markdown/storage-to-markdown.js';
import { webUrl } from './normalize.js';

/**
 * Normalized records of what hangs off a page (DESIGN §3): comments, child
 * pages, labels, attachments and versions, flat. People are display names
 * (looked up, as the v2 API gives only account ids), times ISO 8601 in UTC
 * without milliseconds, text Markdown.
 */

/** ISO 8601 text of a date confluence.js parsed, without milliseconds; null for a missing or unreadable one. */
function iso(date: Date | string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const value = date instanceof Date ? date : new Date(date);
  return Number.isNaN(value.getTime()) ? null : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A person's display name, else their account id (when the names could not be read). */
function person(accountId: string | undefined, names: ReadonlyMap<string, string>): string | null {
  return accountId ? (names.get(accountId) ?? accountId) : null;
}

interface VersionLike {
  createdAt?: Date | string;
  number?: number;
  authorId?: string;
  message?: string | null;
  minorEdit?: boolean;
}

/** One footer comment with its text, as list_comments returns it. */
export const commentRecord = z.object({
  id: z.string().describe('Comment id; add_comment takes it as parent_comment_id to reply'),
  author: z.string().nullable().describe('Display name of the author (the account id when names cannot be read)'),
  created: z.string().nullable().describe('ISO 8601 time of the current version of the comment'),
  body: z.string().describe('Comment text as Markdown'),
});

/** One child page. */
export const childPageRecord = z.object({
  id: z.string().describe('Page id; get_page (with its url) and list_child_pages take it as page_id'),
  title: z.string(),
});

/** One label. */
export const labelRecord = z.object({
  name: z
    .string()
    .describe('e.g. "runbook" (personal labels as "my:todo"); CQL finds labelled pages with label = "runbook"'),
});

/** One attachment. */
export const attachmentRecord = z.object({
  id: z.string().describe('Attachment id, e.g. att123456; download_attachment takes it'),
  title: z.string().describe('File name'),
  media_type: z.string().nullable().describe('e.g. text/plain, application/pdf, image/png'),
  file_size: z.number().nullable().describe('Bytes'),
  created: z.string().nullable().describe('ISO 8601 time of the current version'),
  version: z.number().nullable(),
  url: z.string().nullable().describe('Download link'),
});

/** One version of a page. */
export const versionRecord = z.object({
  number: z.number().describe('Version number, 1 for the first'),
  created: z.string().nullable().describe('ISO 8601 time the version was saved'),
  author: z.string().nullable().describe('Display name of who saved it (the account id when names cannot be read)'),
  message: z.string().nullable().describe('The version comment, when one was given'),
  minor_edit: z.boolean().describe('true when saved as a minor edit (no notifications)'),
});

export type CommentRecord = z.output<typeof commentRecord>;
export type ChildPageRecord = z.output<typeof childPageRecord>;
export type LabelRecord = z.output<typeof labelRecord>;
export type AttachmentRecord = z.output<typeof attachmentRecord>;
export type VersionRecord = z.output<typeof versionRecord>;

/** The parts of a v2 comment we read. */
export interface CommentLike {
  id?: string;
  version?: VersionLike | null;
  body?: { storage?: { value?: string } | null } | null;
}

export function toCommentRecord(comment: CommentLike, names: ReadonlyMap<string, string>): CommentRecord {
  return {
    id: comment.id ?? '',
    author: person(comment.version?.authorId, names),
    created: iso(comment.version?.createdAt),
    body: storageToMarkdown(comment.body?.storage?.value ?? ''),
  };
}

export function toChildPageRecord(page: { id?: string; title?: string }): ChildPageRecord {
  return { id: page.id ?? '', title: page.title ?? '' };
}

/** Ordinary labels by name; others with their prefix, as Confluence writes them ("my:todo"). */
export function toLabelRecord(label: { name?: string; prefix?: string }): LabelRecord {
  const name = label.name ?? '';
  return { name: label.prefix && label.prefix !== 'global' ? `${label.prefix}:${name}` : name };
}

export function toAttachmentRecord(
  attachment: {
    id?: string;
    title?: string;
    mediaType?: string;
    fileSize?: number;
    createdAt?: Date | string;
    version?: VersionLike | null;
    downloadLink?: string;
  },
  base: string | null | undefined,
  webBase: string,
): AttachmentRecord {
  return {
    id: attachment.id ?? '',
    title: attachment.title ?? '',
    media_type: attachment.mediaType ?? null,
    file_size: attachment.fileSize ?? null,
    created: iso(attachment.version?.createdAt ?? attachment.createdAt),
    version: attachment.version?.number ?? null,
    url: attachment.downloadLink ? webUrl(attachment.downloadLink, base, webBase) : null,
  };
}

export function toVersionRecord(version: VersionLike, names: ReadonlyMap<string, string>): VersionRecord {
  return {
    number: version.number ?? 0,
    created: iso(version.createdAt),
    author: person(version.authorId, names),
    message: version.message ? version.message : null,
    minor_edit: version.minorEdit === true,
  };
}
