import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('list_labels', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  it('GETs the page’s labels', async () => {
    confluence = await startFakeConfluence();
    const records = await runTool(
      plugin,
      'list_labels',
      { page_id: '3000001' },
      { baseUrl: confluence.url, credential: confluence.credential },
    );

    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/labels' });
    expect(records).toEqual([{ name: 'runbook' }, { name: 'payments' }]);
  });
});
