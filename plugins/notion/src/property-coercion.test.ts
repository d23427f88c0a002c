import { describe, expect, it } from 'vitest';
import { coercePropertyValue, needsEmailLookup, type PropertyTypes, resolvePropertyName } from './property-coercion.js';

const text = (content: string) => [{ type: 'text', text: { content } }];

describe('coercePropertyValue', () => {
  const emails = new Map([['ada@example.com', '5e6f7081-0000-4000-8000-000000000001']]);

  it.each([
    ['title', 'Fix login', { title: text('Fix login') }],
    ['rich_text', 42, { rich_text: text('42') }],
    ['rich_text', null, { rich_text: [] }],
    ['number', 3, { number: 3 }],
    ['number', ' 2.5 ', { number: 2.5 }],
    ['number', null, { number: null }],
    ['select', 'High', { select: { name: 'High' } }],
    ['select', null, { select: null }],
    ['status', 'Done', { status: { name: 'Done' } }],
    ['multi_select', ['a', 'b'], { multi_select: [{ name: 'a' }, { name: 'b' }] }],
    ['multi_select', 'a, b', { multi_select: [{ name: 'a' }, { name: 'b' }] }],
    ['multi_select', null, { multi_select: [] }],
    ['date', '2026-12-24', { date: { start: '2026-12-24' } }],
    ['date', { start: '2026-12-24', end: '2026-12-26' }, { date: { start: '2026-12-24', end: '2026-12-26' } }],
    ['date', '2026-12-24T10:00:00+01:00', { date: { start: '2026-12-24T10:00:00+01:00' } }],
    ['checkbox', true, { checkbox: true }],
    ['checkbox', 'no', { checkbox: false }],
    ['url', 'https://example.com', { url: 'https://example.com' }],
    ['email', 'a@b.co', { email: 'a@b.co' }],
    ['phone_number', '+49 30 1234', { phone_number: '+49 30 1234' }],
    [
      'people',
      ['ada@example.com', '5e6f708100004000800000000000000a'],
      {
        people: [
          { object: 'user', id: '5e6f7081-0000-4000-8000-000000000001' },
          { object: 'user', id: '5e6f7081-0000-4000-8000-00000000000a' },
        ],
      },
    ],
    [
      'relation',
      '1a2b3c4d-0000-4000-8000-000000000001',
      { relation: [{ id: '1a2b3c4d-0000-4000-8000-000000000001' }] },
    ],
    ['select', { select: { name: 'Raw' } }, { select: { name: 'Raw' } }],
  ])('%s ← %j', (type, value, expected) => {
    expect(coercePropertyValue('P', type, value, emails)).toEqual(expected);
  });

  it.each([
    ['number', 'three'],
    ['number', [1]],
    ['date', '24.12.2026'],
    ['date', 20261224],
    ['checkbox', 'maybe'],
    ['url', 'not a url'],
    ['email', 'nobody'],
    ['select', { name: 'x' }],
    ['people', 'stranger@example.com'],
    ['relation', ['nope']],
    ['formula', 'x'],
    ['created_time', '2026-01-01'],
    ['files', 'a.pdf'],
  ])('refuses %s ← %j, naming the property', (type, value) => {
    let error: unknown;
    try {
      coercePropertyValue('Due', type, value, emails);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ kind: 'invalid_input', field: 'properties.Due' });
    expect((error as Error).message).toContain('"Due"');
  });
});

describe('resolvePropertyName', () => {
  const types: PropertyTypes = { Status: { type: 'status' }, Owner: { type: 'people' } };

  it('matches exactly, else ignoring case', () => {
    expect(resolvePropertyName('Status', types)).toBe('Status');
    expect(resolvePropertyName('status', types)).toBe('Status');
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => resolvePropertyName('Priority', types)).toThrow(/no property "Priority".*Status, Owner/);
  });

  it('asks for an email lookup only when a people property is given an email', () => {
    expect(needsEmailLookup({ Owner: ['ada@example.com'] }, types)).toBe(true);
    expect(needsEmailLookup({ Owner: '5e6f7081-0000-4000-8000-000000000001' }, types)).toBe(false);
    expect(needsEmailLookup({ Status: 'a@b.co' }, types)).toBe(false);
  });
});
