import { storeTokenActions } from '../errors/credential-actions.js';

/**
 * Where a user (re)connects a service. `url` opens the admin UI's connect
 * modal for it (`/tools?connect=<service>`); `text` names the other ways: the
 * API route that starts an OAuth connection, or storing a token.
 */
export function connectHint(
  service: string,
  publicUrl: string | undefined,
  email?: string,
): { url: string; text: string } {
  const base = (publicUrl ?? 'http://127.0.0.1:8088').replace(/\/+$/, '');
  const url = `${base}/tools?connect=${encodeURIComponent(service)}`;
  return {
    url,
    text:
      `POST /api/profile/services/${service}/oauth/start with your MCPist token answers with a link to open; ` +
      `for a token instead, ${storeTokenActions(service, email)}`,
  };
}
