import { describe, expect, it } from 'vitest';
import { guardDecision } from './guard';

describe('the edge guard decision', () => {
  it.each(['/users', '/roles', '/modules', '/logs', '/roles/x'])('lets an admin open %s', (path) => {
    expect(guardDecision(path, 'admin')).toBe('allow');
  });
  it.each(['/users', '/roles', '/modules', '/logs'])('gives a user the 403 page on %s', (path) => {
    expect(guardDecision(path, 'user')).toBe('forbidden');
  });
  it.each(['/', '/tools', '/tokens', '/profile'])('lets a user open %s', (path) => {
    expect(guardDecision(path, 'user')).toBe('allow');
  });
  it.each(['/', '/tools', '/users'])('sends a signed-out person from %s to sign in', (path) => {
    expect(guardDecision(path, null)).toBe('sign-in');
  });
  it('lets everyone reach /login, the API (which decides itself) and assets', () => {
    for (const role of ['admin', 'user', null] as const) {
      expect(guardDecision('/login', role)).toBe('allow');
      expect(guardDecision('/api/users', role)).toBe('allow');
      expect(guardDecision('/_next/static/chunks/a.js', role)).toBe('allow');
    }
  });
  it('does not mistake a route sharing a prefix for an admin route', () => {
    expect(guardDecision('/usersettings', 'user')).toBe('allow');
  });
});
