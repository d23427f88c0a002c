/** An API refusal as the UI shows it: the message and the code from the error catalogue. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: number | string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/**
 * Calls the core's `/api` with the browser's session cookie (same origin,
 * HttpOnly: the page never sees it). A 401 sends the person to /login.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: number | string; message?: string } } | undefined)?.error;
    if (response.status === 401 && !path.startsWith('/session')) {
      window.location.assign('/login');
    }
    throw new ApiProblem(response.status, error?.code ?? response.status, error?.message ?? `HTTP ${response.status}`);
  }
  return parsed as T;
}

export interface Me {
  user_id: string;
  email: string;
  display_name: string | null;
  system_role: 'admin' | 'user';
  via: string;
}
