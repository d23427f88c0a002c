/** Who is calling, as established by authentication. */
export interface Principal {
  userId: string;
  email: string;
  systemRole: 'admin' | 'user';
  /** How the caller proved who they are. */
  via: 'api_token' | 'jwt' | 'local' | 'session' | 'oauth';
  /** The API token used, when `via` is `api_token`. */
  tokenId?: string;
  /**
   * What an MCP client signed in through MCPist's authorization server was
   * granted (`via: 'oauth'`): every tool the user may use, or only the
   * read-only ones. Other principals have full access.
   */
  scope?: 'full' | 'read';
  /** The grant behind an OAuth access token, and the client it was given to. */
  grantId?: string;
  clientId?: string;
}
