/**
 * What MCPist's Atlassian plugins (Jira, Confluence) share: the auth
 * declaration, site and gateway routing, a transport that sends their SDK's
 * requests through the core's fetch, and the error mapping. Not a plugin: a
 * library the plugins depend on. Each plugin keeps what is its SDK's own
 * (response schemas, downloads, its endpoint functions).
 */
export { ATLASSIAN_TOKEN_HELP_URL, atlassianAuth } from './auth.js';
export {
  ATLASSIAN_GATEWAY,
  ATLASSIAN_SITE_PLACEHOLDER,
  type AtlassianConnection,
  type AtlassianProduct,
  resolveAtlassianConnection,
  siteOrigin,
} from './connection.js';
export {
  type AtlassianErrorMapper,
  type AtlassianErrorMapping,
  atlassianErrorMapper,
  describeAtlassianError,
} from './errors.js';
export type { AtlassianSdkErrors } from './sdk-errors.js';
export {
  type AtlassianAnswer,
  type AtlassianCallOptions,
  type AtlassianRequest,
  type AtlassianTransportOptions,
  atlassianUrl,
  parseBody,
  retryAfterMs,
  sendAtlassianRequest,
} from './transport.js';
