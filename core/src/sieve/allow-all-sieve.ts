import type { Logger } from 'winston';
import type { Principal } from '../auth/principal.js';
import type { ModuleCatalog } from '../plugins/module-catalog.js';
import type { ToolSieve } from './tool-sieve.js';
import { ToolView } from './tool-view.js';

/**
 * Foundation sieve: every authenticated principal may use every loaded tool.
 * The view is built once and shared. The role-based sieve replaces it.
 */
export class AllowAllSieve implements ToolSieve {
  private readonly view: ToolView;

  constructor(
    catalog: ModuleCatalog,
    private readonly logger: Logger,
  ) {
    const tools = [...catalog.modules.values()].flatMap((module) => [...module.tools.values()]);
    this.view = new ToolView(catalog, tools);
  }

  async viewFor(_principal: Principal): Promise<ToolView> {
    return this.view;
  }

  reportDenied(principal: Principal, module: string, tool: string | undefined, reason: string): void {
    this.logger.warn('security: tool denied', {
      event: 'tool_denied',
      user_id: principal.userId,
      module,
      tool,
      reason,
    });
  }
}
