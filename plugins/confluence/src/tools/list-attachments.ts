import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, pageIdField } from '../input-fields.js';
import { attachmentRecord, toAttachmentRecord } from '../normalize-depth.js';

/** Confluence's largest page of attachments. */
const MAX_PAGE_SIZE = 250;

export const listAttachments = defineTool({
  name: 'list_attachments',
  description: `Lists the files attached to a Confluence page, following pages up to the server's record limit or "limit".
Use it to find a document, log or image on a page; filter by media_type (e.g. "text/csv", "application/pdf") or exact file name. Read a text file's content with download_attachment.
Returns one record per attachment: id, title (file name), media_type, file_size, created, version, url.`,
  input: z.object({
    page_id: pageIdField,
    media_type: z
      .string()
      .trim()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type looks like "text/plain"')
      .optional()
      .describe('Only files of this media type, e.g. "text/plain", "application/pdf"'),
    filename: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe('Only the file with this exact name, e.g. "notes.txt"'),
    limit: limitField,
  }),
  output: attachmentRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getPageAttachments } = await confluenceV2();
    const { client, webBase } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    return collectPages({
      limit,
      fetchPage: (next) =>
        getPageAttachments(client, {
          id: Number(input.page_id),
          mediaType: input.media_type,
          filename: input.filename,
          cursor: next?.get('cursor') ?? undefined,
          limit: Math.min(MAX_PAGE_SIZE, limit),
        }),
      toRecord: (attachment, page) => toAttachmentRecord(attachment, page._links?.base, webBase),
    });
  },
});
