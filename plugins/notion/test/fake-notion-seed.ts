/**
 * What the fake Notion serves: a workspace with a "Team Home" page of mixed
 * content, pages under it, a "Tasks" database (one data source) with rows,
 * people, the integration's bot and comments, sized by the options.
 */
import {
  makeBlock,
  makeBot,
  makeComment,
  makeDatabase,
  makeDataSource,
  makePage,
  makePerson,
  type NotionJson,
  richText,
  seedId,
  titleProperty,
} from './fake-notion-data.js';

/** What to seed the fake with. Every field is optional. */
export interface FakeNotionOptions {
  /** The only token accepted, as `Bearer X`. Default `ntn_fakeToken…`. */
  token?: string;
  /** Pages under the home page, titled "Page 1"…; found by search. Default 3. */
  pages?: number;
  /** Rows of the "Tasks" database, titled "Task 1"…. Default 3. */
  rows?: number;
  /** People in the workspace (a bot, the integration, is always listed last). Default 3. */
  users?: number;
  /** Extra paragraphs at the end of the home page ("Paragraph 1"…), to make its content span pages. Default 0. */
  paragraphs?: number;
  /** Comments on the home page, each opening its own discussion. Default 2. */
  comments?: number;
}

/** The data the fake serves; mutable, so tests may add or change objects. */
export interface FakeNotionSeed {
  /** The integration's bot user: author of everything the fake creates. */
  bot: NotionJson;
  /** People, then the bot. */
  users: NotionJson[];
  /** "Team Home", a top-level page with mixed content, the parent of the other pages and the database. */
  home: NotionJson;
  /** Every page, the home page first, then "Page n", then database rows; create_page appends here. */
  pages: NotionJson[];
  /** Child blocks by parent (page or block) id. */
  blocks: Map<string, NotionJson[]>;
  /** The seeded "Tasks" database: `databases[0]`. */
  database: NotionJson;
  /** The data source of "Tasks": `dataSources[0]`. */
  dataSource: NotionJson;
  /** Every database, "Tasks" first; create_database appends here. */
  databases: NotionJson[];
  /** Every data source, that of "Tasks" first; schema updates change them in place. */
  dataSources: NotionJson[];
  comments: NotionJson[];
}

const STATUS_OPTIONS = [
  { id: 'st-1', name: 'Not started', color: 'default', description: null },
  { id: 'st-2', name: 'In progress', color: 'blue', description: null },
  { id: 'st-3', name: 'Done', color: 'green', description: null },
];
const TAG_OPTIONS = [
  { id: 'tg-1', name: 'bug', color: 'red', description: null },
  { id: 'tg-2', name: 'feature', color: 'purple', description: null },
  { id: 'tg-3', name: 'docs', color: 'gray', description: null },
];

/** The schema of the seeded "Tasks" data source, keyed by property name. */
export function taskSchema(): Record<string, NotionJson> {
  return {
    Name: { id: 'title', name: 'Name', description: null, type: 'title', title: {} },
    Status: {
      id: 'Zx%3Bq',
      name: 'Status',
      description: null,
      type: 'status',
      status: { options: STATUS_OPTIONS, groups: [] },
    },
    Tags: {
      id: 'vN%5Dk',
      name: 'Tags',
      description: null,
      type: 'multi_select',
      multi_select: { options: TAG_OPTIONS },
    },
    Due: { id: 'd%40te', name: 'Due', description: null, type: 'date', date: {} },
    Estimate: {
      id: 'e%3Ast',
      name: 'Estimate',
      description: null,
      type: 'number',
      number: { format: 'number' },
    },
    Assignee: { id: 'p%7Bpl', name: 'Assignee', description: null, type: 'people', people: {} },
    Done: { id: 'ch%3Fk', name: 'Done', description: null, type: 'checkbox', checkbox: {} },
  };
}

/** Property values of the `n`th task row, in the shapes Notion returns them. */
export function taskProperties(n: number, assignee: NotionJson): Record<string, NotionJson> {
  const status = STATUS_OPTIONS[n % 3] ?? STATUS_OPTIONS[0];
  const tag = TAG_OPTIONS[n % 3] ?? TAG_OPTIONS[0];
  return {
    Name: titleProperty(`Task ${n}`),
    Status: {
      id: 'Zx%3Bq',
      type: 'status',
      status: status ? { id: status.id, name: status.name, color: status.color } : null,
    },
    Tags: {
      id: 'vN%5Dk',
      type: 'multi_select',
      multi_select: tag ? [{ id: tag.id, name: tag.name, color: tag.color }] : [],
    },
    Due: {
      id: 'd%40te',
      type: 'date',
      date: { start: `2026-02-${String((n % 28) + 1).padStart(2, '0')}`, end: null, time_zone: null },
    },
    Estimate: { id: 'e%3Ast', type: 'number', number: n % 8 },
    Assignee: { id: 'p%7Bpl', type: 'people', people: [assignee] },
    Done: { id: 'ch%3Fk', type: 'checkbox', checkbox: status?.name === 'Done' },
  };
}

function seedHome(seed: FakeNotionSeed, options: FakeNotionOptions, nextBlockId: () => string): void {
  const homeId = seed.home.id as string;
  const parent = { type: 'page_id', page_id: homeId };
  const author = seed.users[0]?.id as string;
  const block = (type: string, content: NotionJson, id = nextBlockId()) =>
    makeBlock(id, parent, type, content, 20, author);
  const text = (content: string) => ({ rich_text: [richText(content)], color: 'default' });
  const firstPage = seed.pages[1];
  const nested = block('bulleted_list_item', text('First point'));
  nested.has_children = true;
  const content = [
    block('heading_1', { ...text('Welcome'), is_toggleable: false }),
    block('paragraph', {
      rich_text: [
        richText('This is the '),
        richText('team', { bold: true }),
        richText(' home. See '),
        richText('the docs', {}, 'https://example.com/docs'),
        richText('.'),
      ],
      color: 'default',
    }),
    nested,
    block('bulleted_list_item', text('Second point')),
    block('to_do', { ...text('Ship it'), checked: false }),
    block('to_do', { ...text('Write tests'), checked: true }),
    block('code', { rich_text: [richText('const answer = 42;')], caption: [], language: 'typescript' }),
    // As in Notion, a child page or database block has the id of the page or database it shows.
    ...(firstPage ? [block('child_page', { title: 'Page 1' }, firstPage.id as string)] : []),
    block('child_database', { title: 'Tasks' }, seed.database.id as string),
  ];
  for (let n = 1; n <= (options.paragraphs ?? 0); n++) content.push(block('paragraph', text(`Paragraph ${n}`)));
  seed.blocks.set(homeId, content);
  const nestedParent = { type: 'block_id', block_id: nested.id };
  seed.blocks.set(nested.id as string, [
    makeBlock(nextBlockId(), nestedParent, 'bulleted_list_item', text('Nested point'), 21, author),
  ]);
}

export function buildSeed(options: FakeNotionOptions, nextBlockId: () => string): FakeNotionSeed {
  const people = Array.from({ length: options.users ?? 3 }, (_, i) => makePerson(i + 1));
  const bot = makeBot(seedId('user', 999));
  const author = (people[0]?.id ?? bot.id) as string;
  const homeId = seedId('page', 1);
  const home = makePage({
    id: homeId,
    title: 'Team Home',
    parent: { type: 'workspace', workspace: true },
    minutes: 0,
    author,
  });
  const pages = [home];
  for (let n = 1; n <= (options.pages ?? 3); n++) {
    pages.push(
      makePage({
        id: seedId('page', 100 + n),
        title: `Page ${n}`,
        parent: { type: 'page_id', page_id: homeId },
        minutes: 10 + n,
        author,
      }),
    );
  }
  const databaseSeed = {
    id: seedId('database', 1),
    dataSourceId: seedId('dataSource', 1),
    title: 'Tasks',
    parentPageId: homeId,
    author,
    schema: taskSchema(),
  };
  const database = makeDatabase(databaseSeed);
  const dataSource = makeDataSource(databaseSeed);
  for (let n = 1; n <= (options.rows ?? 3); n++) {
    const assignee = people[n % Math.max(1, people.length)] ?? bot;
    pages.push(
      makePage({
        id: seedId('page', 10_000 + n),
        title: `Task ${n}`,
        parent: { type: 'data_source_id', data_source_id: databaseSeed.dataSourceId, database_id: databaseSeed.id },
        minutes: 100 + n,
        author,
        properties: taskProperties(n, assignee),
      }),
    );
  }
  const comments = Array.from({ length: options.comments ?? 2 }, (_, i) =>
    makeComment(
      seedId('comment', i + 1),
      homeId,
      seedId('discussion', i + 1),
      [richText(`Comment ${i + 1}`)],
      200 + i,
      author,
    ),
  );
  const seed: FakeNotionSeed = {
    bot,
    users: [...people, bot],
    home,
    pages,
    blocks: new Map(),
    database,
    dataSource,
    databases: [database],
    dataSources: [dataSource],
    comments,
  };
  seedHome(seed, options, nextBlockId);
  return seed;
}
