import { CREDENTIAL_DELETE, CREDENTIAL_LIST, CREDENTIAL_REVOKE_ALL } from '../commands/credential-list-delete.js';
import { CREDENTIAL_SET } from '../commands/credential-set.js';
import { DB_DUMP } from '../commands/db-dump-restore.js';
import { LOGIN_LINK } from '../commands/login-link.js';
import { OAUTH_APPS_EXPORT } from '../commands/oauth-apps-export.js';
import { PLUGINS_LIST } from '../commands/plugins-list.js';
import { ROLE_ASSIGN } from '../commands/role-assign.js';
import { ROLE_CREATE } from '../commands/role-create.js';
import { ROLE_LIST } from '../commands/role-list.js';
import { SESSION_CREATE } from '../commands/session-create.js';
import { STATUS } from '../commands/status.js';
import { TOKEN_CREATE } from '../commands/token-create.js';
import { TOKEN_LIST, TOKEN_REVOKE } from '../commands/token-list-revoke.js';
import { USER_ADD } from '../commands/user-add.js';
import type { AdminCommand } from './admin-command.js';

/** Every command a running server runs for its admin channel's clients. */
export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  TOKEN_CREATE,
  TOKEN_LIST,
  TOKEN_REVOKE,
  SESSION_CREATE,
  LOGIN_LINK,
  USER_ADD,
  ROLE_CREATE,
  ROLE_ASSIGN,
  ROLE_LIST,
  CREDENTIAL_SET,
  CREDENTIAL_LIST,
  CREDENTIAL_DELETE,
  CREDENTIAL_REVOKE_ALL,
  PLUGINS_LIST,
  STATUS,
  DB_DUMP,
  OAUTH_APPS_EXPORT,
];
