import { Tokens } from '../../container/tokens.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

/** `mcpist role list [--json]`: roles with their modules, masks and member count. */
export async function roleList(global: GlobalOptions, options: { json?: boolean }): Promise<void> {
  const deps = { repository: Tokens.RolesRepository };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async ({ repository }) => {
    const roles = await Promise.all(
      (await repository.list()).map(async (role) => ({
        name: role.name,
        default: role.isDefault,
        modules: role.enabledModules,
        masks: role.toolMasks,
        members: (await repository.membersOf(role.id)).length,
      })),
    );
    if (options.json) {
      cliIo().stdout.write(`${JSON.stringify(roles, null, 2)}\n`);
      return;
    }
    for (const role of roles) {
      const masked = Object.entries(role.masks).flatMap(([m, tools]) => tools.map((t) => `${m}:${t}`));
      cliIo().stdout.write(
        `${role.name}${role.default ? ' (default)' : ''}: ${role.members} member(s); modules: ${role.modules.join(', ') || 'none'}; masked: ${masked.join(', ') || 'none'}\n`,
      );
    }
  });
}
