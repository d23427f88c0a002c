import { OAuthGrantError } from './oauth-client.js';

const LOOKUP_TIMEOUT_MS = 10_000;

/**
 * A provider quirk declared as data: after the exchange, ask `url` (with the
 * new access token) which resources the grant reaches, and keep fields of the
 * first one — Atlassian's cloud id and site URL, without which a 3LO token
 * cannot be routed to a site.
 */
export async function lookUpResourceFields(
  lookup: { url: string; fields: Readonly<Record<string, string>> },
  accessToken: string,
  fetchImpl: typeof fetch,
): Promise<Record<string, string>> {
  const response = await fetchImpl(lookup.url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`resource lookup answered HTTP ${response.status}`);
  const resources = (await response.json()) as unknown;
  const first = Array.isArray(resources) ? (resources[0] as Record<string, unknown> | undefined) : undefined;
  if (!first) throw new OAuthGrantError('no_resource', 'the grant reaches no site; choose a site when you approve');
  const fields: Record<string, string> = {};
  for (const [field, source] of Object.entries(lookup.fields)) {
    const value = first[source];
    if (typeof value === 'string') fields[field] = value;
  }
  return fields;
}
