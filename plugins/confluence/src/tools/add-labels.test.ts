import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('add_labels', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const addLabels = (labels: unknown) =>
    runTool(
      plugin,
      'add_labels',
      { page_id: '3000001', labels },
      { baseUrl: confluence.url, credential: confluence.credential },
    );

  it('POSTs global labels to the v1 label resource and returns all labels of the page', async () => {
    confluence = await startFakeConfluence();
    const record = await addLabels(['Q3-Planning', 'runbook', 'q3-planning']);

    expect(confluence.requests[0]).toMatchObject({ method: 'POST', path: '/wiki/rest/api/content/3000001/label' });
    expect(confluence.requests[0]?.body).toEqual([
      { prefix: 'global', name: 'q3-planning' },
      { prefix: 'global', name: 'runbook' },
    ]);
    expect(record).toEqual({ page_id: '3000001', labels: 'runbook, payments, q3-planning' });
  });

  it('refuses a label with a space before any request', async () => {
    confluence = await startFakeConfluence();
    await expect(addLabels(['two words'])).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(confluence.count()).toBe(0);
  });
});
