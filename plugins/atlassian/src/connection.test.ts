import { AuthInvalidError, type Credential, InvalidInputError } from '@mcpist/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { atlassianAuth } from './auth.js';
import { ATLASSIAN_SITE_PLACEHOLDER, resolveAtlassianConnection, siteOrigin } from './connection.js';

const JIRA = { name: 'Jira', gatewayPath: 'jira' };
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

describe('resolveAtlassianConnection', () => {
  it.each([
    [
      'a token credential to https://<site> under the placeholder base URL',
      ATLASSIAN_SITE_PLACEHOLDER,
      { kind: 'token', token: 't', fields: { email: 'me@acme.com', site: 'acme.atlassian.net' } },
      {
        apiRoot: 'https://acme.atlassian.net',
        siteUrl: 'https://acme.atlassian.net',
        authorization: basic('me@acme.com', 't'),
      },
    ],
    [
      'the operator override over the site',
      'http://127.0.0.1:9999/',
      { kind: 'token', token: 't', fields: { email: 'me@acme.com', site: 'https://acme.atlassian.net/browse/X-1' } },
      {
        apiRoot: 'http://127.0.0.1:9999',
        siteUrl: 'https://acme.atlassian.net',
        authorization: basic('me@acme.com', 't'),
      },
    ],
    [
      'an OAuth credential to the product’s gateway with its cloud id',
      `${ATLASSIAN_SITE_PLACEHOLDER}/`,
      { kind: 'oauth2', token: 'at', fields: { cloudId: 'abc/123', site: 'acme.atlassian.net' } },
      {
        apiRoot: 'https://api.atlassian.com/ex/jira/abc%2F123',
        siteUrl: 'https://acme.atlassian.net',
        authorization: 'Bearer at',
      },
    ],
    [
      'a scoped API token with a cloud id to the gateway, with Basic auth',
      ATLASSIAN_SITE_PLACEHOLDER,
      { kind: 'token', token: 't', fields: { email: 'bot@acme.com', cloudId: 'abc-123' } },
      {
        apiRoot: 'https://api.atlassian.com/ex/jira/abc-123',
        siteUrl: undefined,
        authorization: basic('bot@acme.com', 't'),
      },
    ],
  ] as const)('sends %s', (_case, baseUrl, credential, expected) => {
    expect(resolveAtlassianConnection(JIRA, { baseUrl, credential })).toEqual(expected);
  });

  // Nothing is sent with an incomplete credential: the error says what to fix, and never repeats the token.
  it.each([
    ['no credential', undefined, AuthInvalidError, undefined],
    ['OAuth without a cloud id', { kind: 'oauth2', token: 'secret-at', fields: {} }, AuthInvalidError, undefined],
    ['no site', { kind: 'token', token: 'secret-t', fields: { email: 'a@b.c' } }, InvalidInputError, 'site'],
    [
      'a site that is not a host',
      { kind: 'token', token: 'secret-t', fields: { email: 'a@b.c', site: 'https://' } },
      InvalidInputError,
      'site',
    ],
    [
      'a site with a user name',
      { kind: 'token', token: 'secret-t', fields: { email: 'a@b.c', site: 'https://me:pw@acme.atlassian.net' } },
      InvalidInputError,
      'site',
    ],
    [
      'no email',
      { kind: 'token', token: 'secret-t', fields: { site: 'acme.atlassian.net' } },
      InvalidInputError,
      'email',
    ],
  ] as const)('refuses %s', (_case, credential, type, field) => {
    const resolve = () =>
      resolveAtlassianConnection(JIRA, { baseUrl: ATLASSIAN_SITE_PLACEHOLDER, credential: credential as Credential });
    expect(resolve).toThrow(type);
    const error = (() => {
      try {
        resolve();
      } catch (caught) {
        return caught as Error & { field?: string };
      }
    })();
    expect(error?.field).toBe(field);
    if (field) expect(error?.message).toContain(`"${field}"`);
    expect(error?.message).not.toContain('secret');
  });
});

describe('siteOrigin', () => {
  // Parsed as the core parses the site it checks, so the host the core allowed is the host called.
  it.each([
    ['acme.atlassian.net', 'https://acme.atlassian.net'],
    [' https://Acme.atlassian.net/ ', 'https://acme.atlassian.net'],
    ['https://acme.atlassian.net/wiki/', 'https://acme.atlassian.net'],
    ['https://acme.atlassian.net/browse/DEMO-1', 'https://acme.atlassian.net'],
    ['wiki.example.com:8443', 'https://wiki.example.com:8443'],
    ['http://jira.internal:8080', 'http://jira.internal:8080'],
    ['evil.com/@acme.atlassian.net', 'https://evil.com'],
    ['https://me:pw@acme.atlassian.net', undefined],
    ['ftp://acme', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (site, expected) => {
    expect(siteOrigin(site)).toBe(expected);
  });
});

describe('atlassianAuth', () => {
  it('declares the shared credential with the product’s scopes and a refresh token, once', () => {
    const auth = atlassianAuth(['read:jira-work', 'offline_access', 'write:jira-work']);
    expect(auth.service).toBe('atlassian');
    expect(auth.oauth2?.scopes).toEqual(['read:jira-work', 'write:jira-work', 'offline_access']);
    expect(auth.token?.fields?.map((field) => [field.name, field.endpoint])).toEqual([
      ['email', undefined],
      ['site', { hostSuffixes: ['.atlassian.net'] }],
    ]);
  });
});
