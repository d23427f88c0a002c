import { describe, expect, it } from 'vitest';
import { nextPath } from './next-path';

describe('nextPath', () => {
  it('keeps a path on this server', () => {
    expect(nextPath('/oauth/interaction/abc')).toBe('/oauth/interaction/abc');
    expect(nextPath('/tokens?new=1')).toBe('/tokens?new=1');
  });

  it('refuses anything that leaves the server', () => {
    for (const next of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      null,
    ]) {
      expect(nextPath(next)).toBe('/');
    }
  });
});
