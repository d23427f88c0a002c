/**
 * The lookups the fake Notion's routes share: pages, blocks, databases and
 * data sources by id, the schema a page's properties follow, and fresh ids.
 */
import { type NotionJson, seedId } from './fake-notion-data.js';
import type { FakeNotionSeed } from './fake-notion-seed.js';

export interface FakeNotionStore {
  readonly seed: FakeNotionSeed;
  /** The integration's bot: author of everything the fake creates. */
  readonly botId: string;
  nextBlockId(): string;
  /** A fresh id of `kind` for objects the fake creates. */
  nextId(kind: 'page' | 'database' | 'dataSource'): string;
  pageOf(id: string | undefined): NotionJson | undefined;
  /** A block anywhere in the seed, trashed ones included. */
  blockOf(id: string | undefined): NotionJson | undefined;
  databaseOf(id: string | undefined): NotionJson | undefined;
  dataSourceOf(id: string | undefined): NotionJson | undefined;
  /** The schema of the data source a page is a row of; undefined for sub-pages. */
  schemaOf(page: NotionJson): Record<string, NotionJson> | undefined;
}

export function createStore(seed: FakeNotionSeed, nextBlockId: () => string): FakeNotionStore {
  const counters = { page: 50_000, database: 100, dataSource: 100 };
  const dataSourceOf = (id: string | undefined) => seed.dataSources.find((source) => source.id === id);
  return {
    seed,
    botId: seed.bot.id as string,
    nextBlockId,
    nextId: (kind) => seedId(kind, ++counters[kind]),
    pageOf: (id) => seed.pages.find((page) => page.id === id),
    blockOf: (id) => [...seed.blocks.values()].flat().find((block) => block.id === id),
    databaseOf: (id) => seed.databases.find((database) => database.id === id),
    dataSourceOf,
    schemaOf: (page) => {
      const parent = page.parent as NotionJson;
      if (parent.type !== 'data_source_id') return undefined;
      return dataSourceOf(parent.data_source_id as string)?.properties as Record<string, NotionJson> | undefined;
    },
  };
}
