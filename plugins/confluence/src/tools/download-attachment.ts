import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { confluenceV1, confluenceV2 } from '../api.js';
import { createConfluence } from '../client.js';

/** The most text returned; a model reads no more, and a larger file is better read in Confluence. */
export const MAX_TEXT_BYTES = 200_000;

/** Media types whose content is text, besides text/*. */
const TEXT_TYPES =
  /^(?:text\/.+|application\/(?:json|xml|yaml|x-yaml|javascript|x-sh|sql|csv|x-ndjson|[\w.+-]+\+(?:json|xml)))$/i;

/** True for a media type whose bytes are text. */
export function isTextMediaType(mediaType: string | undefined): boolean {
  return TEXT_TYPES.test((mediaType ?? '').split(';')[0]?.trim() ?? '');
}

export const downloadAttachment = defineTool({
  name: 'download_attachment',
  description: `Returns the content of a text file attached to Confluence (plain text, Markdown, CSV, JSON, XML, YAML, logs, source code) as text.
Use it after list_attachments to read or summarise an attached text file. Binary files (PDF, images, Office documents) are refused with their media type: give the user the url from list_attachments instead. Content past ${MAX_TEXT_BYTES / 1000} kB is cut, with a note saying so.
Returns the file's text.`,
  input: z.object({
    attachment_id: z
      .string()
      .trim()
      .regex(/^(?:att)?\d{1,15}$/, 'an attachment id looks like "att123456"')
      .transform((id) => (id.startsWith('att') ? id : `att${id}`))
      .describe('Attachment id, e.g. "att123456" (from list_attachments)'),
  }),
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const [{ getAttachmentById }, { downloadAttatchment }] = await Promise.all([confluenceV2(), confluenceV1()]);
    const { client } = createConfluence(ctx);
    // Read the metadata first: the media type decides whether to download at all, and v1 needs the container id.
    const attachment = await getAttachmentById(client, { id: input.attachment_id });
    const title = attachment.title ?? input.attachment_id;
    if (!isTextMediaType(attachment.mediaType)) {
      throw new InvalidInputError(
        `${title} is ${attachment.mediaType ?? 'of an unknown media type'}, not text: it cannot be returned as text`,
        { field: 'attachment_id' },
      );
    }
    const containerId = attachment.pageId ?? attachment.blogPostId ?? attachment.customContentId;
    if (!containerId) {
      throw new InvalidInputError(`${title} is not attached to a page or blog post`, { field: 'attachment_id' });
    }
    const bytes = await downloadAttatchment(client, { id: containerId, attachmentId: input.attachment_id });
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes as ArrayBuffer);
    const cut = data.byteLength > MAX_TEXT_BYTES;
    // A cut may split a multi-byte character; the decoder replaces the partial one rather than failing.
    const text = new TextDecoder('utf-8').decode(cut ? data.subarray(0, MAX_TEXT_BYTES) : data);
    return cut ? `${text}\n\n[cut: showing the first ${MAX_TEXT_BYTES} of ${data.byteLength} bytes of ${title}]` : text;
  },
});
