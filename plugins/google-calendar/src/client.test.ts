import { describe, expect, it } from 'vitest';
import { collectPages, type GooglePage, type PageRequest } from './client.js';

/** A paged source of numbers 1..total that records what it was asked, with Google's quirks on demand. */
function source(total: number, options: { shortPages?: number; repeatToken?: boolean } = {}) {
  const asked: PageRequest[] = [];
  const fetchPage = async (request: PageRequest): Promise<GooglePage<number>> => {
    asked.push(request);
    const offset = request.pageToken ? Number(request.pageToken) : 0;
    const size = Math.min(request.maxResults, options.shortPages ?? request.maxResults);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i + 1);
    const next = offset + size;
    if (options.repeatToken) return { items, nextPageToken: '0' };
    return next < total ? { items, nextPageToken: String(next) } : { items };
  };
  return { asked, fetchPage };
}

describe('collectPages', () => {
  it('follows nextPageToken until the source is exhausted', async () => {
    const { asked, fetchPage } = source(620);
    const records = await collectPages(fetchPage, { maxRecords: 1000, maxPageSize: 250 }, (n) => n);
    expect(records).toHaveLength(620);
    expect(asked.map((request) => [request.pageToken, request.maxResults])).toEqual([
      [undefined, 250],
      ['250', 250],
      ['500', 250],
    ]);
  });

  it('asks only for the records still wanted and stops at the limit', async () => {
    const { asked, fetchPage } = source(1000);
    const records = await collectPages(fetchPage, { maxRecords: 300, maxPageSize: 250 }, (n) => n);
    expect(records).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(asked.map((request) => request.maxResults)).toEqual([250, 50]);
  });

  it('keeps going through short and empty pages while Google sends a token', async () => {
    const { asked, fetchPage } = source(30, { shortPages: 10 });
    const records = await collectPages(fetchPage, { maxRecords: 500, maxPageSize: 2500 }, (n) => n);
    expect(records).toHaveLength(30);
    expect(asked).toHaveLength(3);
  });

  it('skips items the mapper drops, without counting them against the limit', async () => {
    const { fetchPage } = source(100);
    const records = await collectPages(fetchPage, { maxRecords: 10, maxPageSize: 250 }, (n) =>
      n % 2 === 0 ? n : undefined,
    );
    expect(records).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  });

  it('stops instead of looping when a page token repeats', async () => {
    const { asked, fetchPage } = source(10, { repeatToken: true, shortPages: 2 });
    const records = await collectPages(fetchPage, { maxRecords: 500, maxPageSize: 250 }, (n) => n);
    expect(asked).toHaveLength(2);
    expect(records).toEqual([1, 2, 1, 2]);
  });
});
