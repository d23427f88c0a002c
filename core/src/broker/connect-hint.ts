import { storeTokenActions } from '../errors/credential-actions.js';

/**
 * Where a user (re)connects a service. `url` is the admin UI's services page
 * (kept in error data for the UI to come); `text` names what works today: the
 * API route that starts an OAuth connection, or storing a token.
 */
export function connectHint(
  service: string,
  publicUrl: string | undefined,
  email?: string,
): { url: string; text: string } {
  const base = (publicUrl ?? 'http://127.0.0.1:8088').replace(/\/+$/, '');
  const url = `${base}/profile/services?connect=${encodeURIComponent(service)}`;
  return {
    url,
    text:
      `POST /api/profile/services/${service}/oauth/start with your MCPist token answers with a link to open; ` +
      `for a token instead, ${storeTokenActions(service, email)}`,
  };
}
