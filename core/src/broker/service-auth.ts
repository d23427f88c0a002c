import type { AuthDeclaration } from '@mcpist/plugin-sdk';
import type { OutboundPolicy } from '../outbound/outbound-policy.js';
import type { ModuleCatalog } from '../plugins/module-catalog.js';

/** One problem with a token's companion fields, named by field. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** What the loaded plugins declare about a service's auth; several plugins may share one (`atlassian`). */
export function authOf(catalog: ModuleCatalog, service: string): AuthDeclaration[] {
  return [...catalog.modules.values()]
    .filter((module) => module.service === service && module.definition.auth)
    .map((module) => module.definition.auth as AuthDeclaration);
}

/** Every service some loaded plugin declares, sorted. */
export function knownServices(catalog: ModuleCatalog): string[] {
  return [
    ...new Set([...catalog.modules.values()].flatMap((module) => (module.service ? [module.service] : []))),
  ].sort();
}

/**
 * Checks a type-A token's fields against the declaration: the service must
 * take tokens, and the declared fields must all be there and nothing else;
 * a field naming where requests go must pass the outbound-request policy.
 * Returns the problems; none means the token may be stored.
 */
export function tokenFieldIssues(
  declared: readonly AuthDeclaration[],
  fields: Record<string, string>,
  policy: OutboundPolicy,
): FieldIssue[] {
  const token = declared.find((auth) => auth.token)?.token;
  if (!token) return [{ field: 'token', message: 'this service connects with OAuth only; start the OAuth flow' }];
  const known = new Set((token.fields ?? []).map((field) => field.name));
  return [
    ...(token.fields ?? []).flatMap((field) => {
      const value = fields[field.name];
      if (!field.endpoint || !value?.trim()) return [];
      const problem = policy.checkUserUrl(value, field.endpoint);
      return problem ? [{ field: `fields.${field.name}`, message: problem }] : [];
    }),
    ...Object.keys(fields)
      .filter((name) => !known.has(name))
      .map((name) => ({ field: `fields.${name}`, message: 'unknown field' })),
    ...[...known]
      .filter((name) => !fields[name]?.trim())
      .map((name) => ({ field: `fields.${name}`, message: 'required' })),
  ];
}
