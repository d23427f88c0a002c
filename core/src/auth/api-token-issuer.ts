import type { ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import type { UsersRepository } from '../store/repositories/users-repository.js';
import { generateApiToken, hashApiToken, tokenDisplayPrefix } from './api-token.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Creates API tokens for users, creating the user on first use. */
export class ApiTokenIssuer {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: ApiTokensRepository,
  ) {}

  /** Returns the token in clear text exactly once; only its hash is stored. */
  async issue(
    email: string,
    name = 'default',
  ): Promise<{ token: string; tokenId: string; userId: string; userCreated: boolean }> {
    if (!EMAIL.test(email)) throw new Error(`"${email}" is not an email address`);
    const { user, created } = await this.users.ensure(email);
    const token = generateApiToken();
    const tokenId = await this.tokens.insert(user.id, name, hashApiToken(token), tokenDisplayPrefix(token));
    return { token, tokenId, userId: user.id, userCreated: created };
  }
}
