import { describe, expect, it } from 'vitest';
import { expectAnnotationsFollowNames } from './annotation-check.js';
import { notesPlugin } from './notes-plugin.fixture.js';

describe('expectAnnotationsFollowNames', () => {
  it('accepts annotations that follow the policy and names every tool that does not', () => {
    expect(() =>
      expectAnnotationsFollowNames(notesPlugin, { readOnly: /^(get|list)_/, dangerous: /^delete_/ }),
    ).not.toThrow();
    expect(() => expectAnnotationsFollowNames(notesPlugin, { readOnly: /^get_/, dangerous: /^merge_/ })).toThrow(
      'list_notes (readOnly is true); delete_note (dangerous is true)',
    );
  });
});
