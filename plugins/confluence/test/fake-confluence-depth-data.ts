/**
 * Seed objects for what hangs off a page in the fake Confluence, shaped like
 * the Cloud REST API v2's documented responses: footer comments, labels,
 * attachments (with their bytes) and page versions.
 */
import { ACCOUNT_ID, type ConfluencePage, type ConfluenceVersion, seedTime } from './fake-confluence-data.js';

/** A v2 footer comment (`PageComment` / `FooterComment`), its body in storage format. */
export interface ConfluenceComment {
  id: string;
  status: 'current';
  title: string;
  pageId: string;
  parentCommentId?: string;
  version: ConfluenceVersion;
  body: { storage: { representation: 'storage'; value: string } };
  _links: { webui: string };
}

/** A v2 label. */
export interface ConfluenceLabel {
  id: string;
  name: string;
  prefix: string;
}

/** A v2 attachment (`AttachmentSummary`). */
export interface ConfluenceAttachment {
  id: string;
  status: 'current';
  title: string;
  createdAt: string;
  pageId: string;
  mediaType: string;
  mediaTypeDescription: string | null;
  comment: string;
  fileId: string;
  fileSize: number;
  webuiLink: string;
  downloadLink: string;
  version: ConfluenceVersion;
  _links: { webui: string; download: string };
}

function version(hours: number, number = 1, message = ''): ConfluenceVersion {
  return { createdAt: seedTime(hours), message, number, minorEdit: false, authorId: ACCOUNT_ID };
}

export function makeComment(id: string, page: ConfluencePage, storage: string, hours: number): ConfluenceComment {
  return {
    id,
    status: 'current',
    title: `Re: ${page.title}`,
    pageId: page.id,
    version: version(hours),
    body: { storage: { representation: 'storage', value: storage } },
    _links: { webui: `${page._links.webui}?focusedCommentId=${id}#comment-${id}` },
  };
}

export function seedComments(page: ConfluencePage, count: number): ConfluenceComment[] {
  return Array.from({ length: count }, (_, i) =>
    makeComment(String(5001 + i), page, `<p>Comment ${i + 1}: <strong>agreed</strong> on ${page.title}.</p>`, 10 + i),
  );
}

export function seedLabels(count: number): ConfluenceLabel[] {
  const names = ['runbook', 'payments'];
  for (let i = names.length; i < count; i++) names.push(`label-${i + 1}`);
  return names.slice(0, count).map((name, i) => ({ id: String(1001 + i), name, prefix: 'global' }));
}

const MEDIA: Record<string, [string, string | null]> = {
  txt: ['text/plain', 'Text File'],
  png: ['image/png', 'Image'],
  csv: ['text/csv', 'CSV File'],
};

export function makeAttachment(page: ConfluencePage, index: number, title: string, size: number): ConfluenceAttachment {
  const extension = title.split('.').pop() ?? 'txt';
  const [mediaType, description] = MEDIA[extension] ?? ['application/octet-stream', null];
  const id = `att${900_001 + index}`;
  const download = `/download/attachments/${page.id}/${encodeURIComponent(title)}?version=1&modificationDate=${Date.parse(seedTime(index))}&api=v2`;
  const webui = `/pages/viewpageattachments.action?pageId=${page.id}&preview=${encodeURIComponent(`/${page.id}/${id.slice(3)}/${title}`)}`;
  return {
    id,
    status: 'current',
    title,
    createdAt: seedTime(index),
    pageId: page.id,
    mediaType,
    mediaTypeDescription: description,
    comment: '',
    fileId: `0f7c3a52-8d5e-4b1a-9c6e-${String(index).padStart(12, '0')}`,
    fileSize: size,
    webuiLink: webui,
    downloadLink: download,
    version: version(index),
    _links: { webui, download },
  };
}

/** `count` attachments on a page: notes.txt, diagram.png, then report-n.csv; their bytes by attachment id. */
export function seedAttachments(
  page: ConfluencePage,
  count: number,
): { attachments: ConfluenceAttachment[]; files: Map<string, Uint8Array> } {
  const attachments: ConfluenceAttachment[] = [];
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const title = i === 0 ? 'notes.txt' : i === 1 ? 'diagram.png' : `report-${i + 1}.csv`;
    const bytes =
      i === 1
        ? new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        : new TextEncoder().encode(
            i === 0 ? 'Release checklist\n- tag the build\n- café opens at 9\n' : `a,b\n${i},${i * 2}\n`,
          );
    const attachment = makeAttachment(page, i, title, bytes.byteLength);
    attachments.push(attachment);
    files.set(attachment.id, bytes);
  }
  return { attachments, files };
}

/** The earlier versions of a page whose current version is `current`, oldest first. */
export function seedVersions(current: number, hours: number): ConfluenceVersion[] {
  return Array.from({ length: Math.max(0, current - 1) }, (_, i) =>
    version(hours - (current - 1 - i), i + 1, i === 0 ? 'First draft' : ''),
  );
}
