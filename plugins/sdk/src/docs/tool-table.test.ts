import { describe, expect, it } from 'vitest';
import { notesPlugin } from '../testing/notes-plugin.fixture.js';
import { renderToolTable, replaceToolTable, TOOL_TABLE_BEGIN, TOOL_TABLE_END } from './tool-table.js';

describe('the generated tool table', () => {
  it('lists every tool with its first sentence, inputs, output fields and annotations', () => {
    const lines = renderToolTable(notesPlugin).split('\n');
    expect(lines).toHaveLength(2 + notesPlugin.tools.length);
    expect(lines[0]).toMatch(/^\| Tool +\| What it does +\| Input +\| Returns +\| readOnly \| dangerous \|$/);
    expect(lines[2]).toMatch(
      /^\| `get_note` +\| Gets one note by id\. +\| `id` +\| one `id, text` +\| yes +\| no +\|$/,
    );
    expect(lines[3]).toContain('| Lists notes. ');
    expect(lines[3]).toContain('`tag?` (`work`\\|`home`, default `work`), `limit?`');
    expect(lines[3]).toContain('list of `id, text`');
    expect(lines[4]).toMatch(/\| text +\| no +\| \*\*yes\*\* +\|$/);
  });

  it('replaces only what stands between the markers, and refuses a README without them', () => {
    const readme = `# Notes\n\n${TOOL_TABLE_BEGIN}\nold table\n${TOOL_TABLE_END}\n\nMore.\n`;
    const updated = replaceToolTable(readme, notesPlugin);
    expect(updated).toBe(
      `# Notes\n\n${TOOL_TABLE_BEGIN}\n\n${renderToolTable(notesPlugin)}\n\n${TOOL_TABLE_END}\n\nMore.\n`,
    );
    expect(replaceToolTable(updated, notesPlugin)).toBe(updated);
    expect(() => replaceToolTable('# Notes\n', notesPlugin)).toThrow(/markers/);
  });
});
