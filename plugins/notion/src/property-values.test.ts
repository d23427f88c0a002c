import { describe, expect, it } from 'vitest';
import { propertiesSummary, propertyValueText, schemaSummary } from './property-values.js';

const rt = (text: string) => [{ type: 'text', plain_text: text }];

describe('property values', () => {
  it.each([
    [{ type: 'title', title: rt('T') }, 'T'],
    [{ type: 'rich_text', rich_text: rt('a'), id: 'x' }, 'a'],
    [{ type: 'number', number: 3.5 }, '3.5'],
    [{ type: 'number', number: null }, ''],
    [{ type: 'select', select: { name: 'High' } }, 'High'],
    [{ type: 'select', select: null }, ''],
    [{ type: 'status', status: { name: 'Done' } }, 'Done'],
    [{ type: 'multi_select', multi_select: [{ name: 'a' }, { name: 'b' }] }, 'a, b'],
    [{ type: 'date', date: { start: '2026-01-01', end: null } }, '2026-01-01'],
    [{ type: 'date', date: { start: '2026-01-01', end: '2026-01-03' } }, '2026-01-01 → 2026-01-03'],
    [{ type: 'checkbox', checkbox: false }, 'false'],
    [{ type: 'url', url: 'https://x.dev' }, 'https://x.dev'],
    [
      {
        type: 'people',
        people: [
          { object: 'user', id: 'u1', name: 'Ada' },
          { object: 'user', id: 'u2' },
        ],
      },
      'Ada, u2',
    ],
    [{ type: 'relation', relation: [{ id: 'p1' }], has_more: false }, 'p1'],
    [{ type: 'formula', formula: { type: 'number', number: 7 } }, '7'],
    [{ type: 'formula', formula: { type: 'date', date: { start: '2026-05-01' } } }, '2026-05-01'],
    [{ type: 'rollup', rollup: { type: 'array', array: [{ type: 'title', title: rt('x') }] } }, 'x'],
    [{ type: 'unique_id', unique_id: { prefix: 'TASK', number: 12 } }, 'TASK-12'],
    [{ type: 'created_by', created_by: { object: 'user', id: 'u9' } }, 'u9'],
    [{ type: 'files', files: [{ name: 'spec.pdf', type: 'file' }] }, 'spec.pdf'],
    [{ type: 'button', button: {} }, ''],
  ])('renders %j as %j', (property, expected) => {
    expect(propertyValueText(property)).toBe(expected);
  });

  it('summarizes non-empty values except the title', () => {
    expect(
      propertiesSummary({
        Name: { type: 'title', title: rt('Row') },
        Status: { type: 'status', status: { name: 'Done' } },
        Notes: { type: 'rich_text', rich_text: [] },
        Done: { type: 'checkbox', checkbox: true },
      }),
    ).toBe('Status: Done; Done: true');
  });

  it('summarizes a schema with select options, capped', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ name: `o${i + 1}` }));
    const summary = schemaSummary({
      Name: { type: 'title', title: {} },
      Priority: { type: 'select', select: { options: [{ name: 'High' }, { name: 'Low' }] } },
      Many: { type: 'multi_select', multi_select: { options } },
    });
    expect(summary).toMatch(
      /^Name \(title\); Priority \(select: High\|Low\); Many \(multi_select: o1\|o2\|.*\|o25\|… 5 more\)$/,
    );
  });
});
