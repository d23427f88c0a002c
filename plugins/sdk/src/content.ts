/**
 * Content blocks a tool may return besides records and text, and that a
 * prompt message may carry: images, audio, embedded resources and links to
 * resources (MCP content types). Binary data is given as bytes or as base64
 * text; the core sends it base64-encoded, as MCP wants.
 */

const CONTENT_BRAND = Symbol.for('mcpist.content');

/** Binary data: bytes, or text already base64-encoded. */
export type BinaryData = Uint8Array | ArrayBuffer | string;

/** Plain text. */
export interface TextBlock {
  readonly type: 'text';
  readonly text: string;
}

/** An image, base64-encoded, with its MIME type (e.g. `image/png`). */
export interface ImageBlock {
  readonly type: 'image';
  readonly data: string;
  readonly mimeType: string;
}

/** Audio, base64-encoded, with its MIME type (e.g. `audio/wav`). */
export interface AudioBlock {
  readonly type: 'audio';
  readonly data: string;
  readonly mimeType: string;
}

/** What a resource holds: text, or a base64 `blob`, under its URI. */
export type ResourceContents =
  | { readonly uri: string; readonly mimeType?: string; readonly text: string }
  | { readonly uri: string; readonly mimeType?: string; readonly blob: string };

/** A resource's contents carried inline. */
export interface EmbeddedResourceBlock {
  readonly type: 'resource';
  readonly resource: ResourceContents;
}

/** A pointer to a resource the client may read (`resources/read`) rather than its contents. */
export interface ResourceLinkBlock {
  readonly type: 'resource_link';
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
}

/** Any content block. */
export type ContentBlock = TextBlock | ImageBlock | AudioBlock | EmbeddedResourceBlock | ResourceLinkBlock;

/** A tool result made of content blocks (see {@link contentResult}). */
export interface ContentResult {
  readonly content: readonly ContentBlock[];
}

/** Base64 text of `data`; text is taken as base64 already. */
export function toBase64(data: BinaryData): string {
  if (typeof data === 'string') return data;
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A text block. */
export function textBlock(text: string): TextBlock {
  return { type: 'text', text };
}

/** An image block from bytes or base64 text. */
export function imageBlock(data: BinaryData, mimeType: string): ImageBlock {
  return { type: 'image', data: toBase64(data), mimeType };
}

/** An audio block from bytes or base64 text. */
export function audioBlock(data: BinaryData, mimeType: string): AudioBlock {
  return { type: 'audio', data: toBase64(data), mimeType };
}

/** An embedded resource: give `text`, or `blob` as bytes or base64 text. */
export function resourceBlock(
  resource: { uri: string; mimeType?: string } & ({ text: string } | { blob: BinaryData }),
): EmbeddedResourceBlock {
  const head = { uri: resource.uri, ...(resource.mimeType ? { mimeType: resource.mimeType } : {}) };
  return {
    type: 'resource',
    resource: 'text' in resource ? { ...head, text: resource.text } : { ...head, blob: toBase64(resource.blob) },
  };
}

/** A link to a resource the client can read later. */
export function resourceLinkBlock(link: Omit<ResourceLinkBlock, 'type'>): ResourceLinkBlock {
  return { type: 'resource_link', ...link };
}

const BLOCK_TYPES = new Set(['text', 'image', 'audio', 'resource', 'resource_link']);

/**
 * What a text tool's handler returns to answer with content blocks instead of
 * one text, e.g. a chart and its caption:
 * `return contentResult([textBlock('Sales by month'), imageBlock(png, 'image/png')])`.
 * Tools that declare `output` return records; this is for tools that don't.
 */
export function contentResult(blocks: readonly ContentBlock[]): ContentResult {
  if (!Array.isArray(blocks) || blocks.length === 0) throw new TypeError('contentResult needs at least one block');
  for (const block of blocks) {
    if (!BLOCK_TYPES.has((block as { type?: string } | null)?.type ?? '')) {
      throw new TypeError(`contentResult: unknown block type ${JSON.stringify((block as { type?: unknown })?.type)}`);
    }
  }
  return Object.freeze({ content: Object.freeze([...blocks]), [CONTENT_BRAND]: true });
}

/** True for a value built by {@link contentResult} of any copy of this SDK. */
export function isContentResult(value: unknown): value is ContentResult {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONTENT_BRAND] === true;
}

/** A short text standing in for a block that is not text, for logs and TOON output. */
export function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${Math.floor((block.data.length * 3) / 4)} bytes]`;
    case 'resource':
      return 'text' in block.resource ? block.resource.text : `[resource ${block.resource.uri}]`;
    case 'resource_link':
      return `[resource link ${block.uri}]`;
  }
}
