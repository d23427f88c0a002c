/**
 * Seed objects for the fake Notion, shaped like the REST API's documented
 * responses for Notion-Version 2025-09-03 (page, block, database, data
 * source, user and comment objects, rich text and property values).
 */

/** A JSON object as Notion sends it. */
export type NotionJson = Record<string, unknown>;

/** Request-side rich text, as clients send it. */
export interface RichTextInput {
  type?: string;
  text?: { content?: string; link?: { url?: string } | null };
  annotations?: Record<string, unknown>;
}

const EPOCH = Date.parse('2026-01-05T09:00:00Z');

/** A timestamp `minutes` after the seed epoch, in Notion's format (milliseconds, always `.000Z`). */
export function seedTime(minutes: number): string {
  return new Date(EPOCH + minutes * 60_000).toISOString();
}

const KIND_PREFIX = {
  page: '1a2b3c4d',
  block: '2b3c4d5e',
  database: '3c4d5e6f',
  dataSource: '4d5e6f70',
  user: '5e6f7081',
  comment: '6f708192',
  discussion: '708192a3',
} as const;

/** A stable UUID per kind and number, so tests can name objects before the fake exists. */
export function seedId(kind: keyof typeof KIND_PREFIX, n: number): string {
  return `${KIND_PREFIX[kind]}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Notion's page URL: the title as a slug, then the id without dashes. */
export function notionUrl(title: string, id: string): string {
  const slug = title
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `https://www.notion.so/${slug ? `${slug}-` : ''}${id.replace(/-/g, '')}`;
}

const PLAIN = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' };

/** One rich text item of type text, as Notion returns it. */
export function richText(content: string, annotations: Partial<typeof PLAIN> = {}, link?: string): NotionJson {
  return {
    type: 'text',
    text: { content, link: link ? { url: link } : null },
    annotations: { ...PLAIN, ...annotations },
    plain_text: content,
    href: link ?? null,
  };
}

/** Request rich text → response rich text (adds `plain_text`, `href` and every annotation). */
export function richTextFromRequest(items: unknown): NotionJson[] {
  if (!Array.isArray(items)) return [];
  return (items as RichTextInput[]).map((item) =>
    richText(item.text?.content ?? '', (item.annotations ?? {}) as Partial<typeof PLAIN>, item.text?.link?.url),
  );
}

export function partialUser(id: string): NotionJson {
  return { object: 'user', id };
}

/** A stable UUID-like file id per person, as Notion names uploaded avatars. */
function avatarId(n: number): string {
  const hex = (n * 2_654_435_761).toString(16).padStart(8, '0').slice(-8);
  return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-a${hex.slice(4, 7)}-${hex}${hex.slice(0, 4)}`;
}

export function makePerson(n: number): NotionJson {
  const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov'];
  const name = names[(n - 1) % names.length] ?? 'Someone';
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}${n > names.length ? n : ''}@example.com`;
  return {
    object: 'user',
    id: seedId('user', n),
    type: 'person',
    name: n > names.length ? `${name} ${n}` : name,
    // Shaped like the user object's documented example: an uploaded image named by a UUID.
    avatar_url: `https://s3-us-west-2.amazonaws.com/public.notion-static.com/${avatarId(n)}/avatar.jpg`,
    person: { email },
  };
}

export function makeBot(id: string): NotionJson {
  return {
    object: 'user',
    id,
    type: 'bot',
    name: 'MCPist',
    avatar_url: null,
    bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Acme Corp', workspace_limits: {} },
  };
}

/** The title property value every page has: `{ id: "title", type: "title", title: [...] }`. */
export function titleProperty(title: string): NotionJson {
  return { id: 'title', type: 'title', title: title === '' ? [] : [richText(title)] };
}

export interface PageSeed {
  id: string;
  title: string;
  parent: NotionJson;
  minutes: number;
  author: string;
  /** Property values keyed by name; default only the title (as `title`). */
  properties?: Record<string, NotionJson>;
}

/** A full page object. */
export function makePage(seed: PageSeed): NotionJson {
  return {
    object: 'page',
    id: seed.id,
    created_time: seedTime(seed.minutes),
    last_edited_time: seedTime(seed.minutes + 30),
    created_by: partialUser(seed.author),
    last_edited_by: partialUser(seed.author),
    cover: null,
    icon: null,
    parent: seed.parent,
    archived: false,
    in_trash: false,
    is_archived: false,
    is_locked: false,
    properties: seed.properties ?? { title: titleProperty(seed.title) },
    url: notionUrl(seed.title, seed.id),
    public_url: null,
  };
}

/** A full block object of `type` with its content. */
export function makeBlock(
  id: string,
  parent: NotionJson,
  type: string,
  content: NotionJson,
  minutes: number,
  author: string,
): NotionJson {
  return {
    object: 'block',
    id,
    parent,
    created_time: seedTime(minutes),
    last_edited_time: seedTime(minutes),
    created_by: partialUser(author),
    last_edited_by: partialUser(author),
    has_children: false,
    archived: false,
    in_trash: false,
    type,
    [type]: content,
  };
}

export interface DatabaseSeed {
  id: string;
  dataSourceId: string;
  title: string;
  parentPageId: string;
  author: string;
  schema: Record<string, NotionJson>;
}

/** A database object as API 2025-09-03 returns it: no properties, a list of data sources. */
export function makeDatabase(seed: DatabaseSeed): NotionJson {
  return {
    object: 'database',
    id: seed.id,
    title: [richText(seed.title)],
    description: [richText('Everything the team is working on.')],
    parent: { type: 'page_id', page_id: seed.parentPageId },
    is_inline: false,
    in_trash: false,
    archived: false,
    is_locked: false,
    created_time: seedTime(5),
    last_edited_time: seedTime(600),
    data_sources: [{ id: seed.dataSourceId, name: seed.title }],
    icon: { type: 'emoji', emoji: '✅' },
    cover: null,
    url: notionUrl(seed.title, seed.id),
    public_url: null,
  };
}

/** The data source object of a seeded database: where the schema lives since 2025-09-03. */
export function makeDataSource(seed: DatabaseSeed): NotionJson {
  return {
    object: 'data_source',
    id: seed.dataSourceId,
    title: [richText(seed.title)],
    description: [],
    parent: { type: 'database_id', database_id: seed.id },
    database_parent: { type: 'page_id', page_id: seed.parentPageId },
    is_inline: false,
    in_trash: false,
    archived: false,
    created_time: seedTime(5),
    last_edited_time: seedTime(600),
    created_by: partialUser(seed.author),
    last_edited_by: partialUser(seed.author),
    properties: seed.schema,
    icon: { type: 'emoji', emoji: '✅' },
    cover: null,
    url: notionUrl(seed.title, seed.id),
    public_url: null,
  };
}

/** A comment object. */
export function makeComment(
  id: string,
  pageId: string,
  discussionId: string,
  text: NotionJson[],
  minutes: number,
  author: string,
): NotionJson {
  return {
    object: 'comment',
    id,
    parent: { type: 'page_id', page_id: pageId },
    discussion_id: discussionId,
    created_time: seedTime(minutes),
    last_edited_time: seedTime(minutes),
    created_by: partialUser(author),
    rich_text: text,
    display_name: { type: 'integration', resolved_name: 'MCPist' },
  };
}
