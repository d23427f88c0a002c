/** Who is calling, as established by authentication. */
export interface Principal {
  userId: string;
  email: string;
  systemRole: 'admin' | 'user';
  /** How the caller proved who they are. */
  via: 'api_token' | 'jwt' | 'local' | 'session';
  /** The API token used, when `via` is `api_token`. */
  tokenId?: string;
}
