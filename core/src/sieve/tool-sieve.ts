import type { Principal } from '../auth/principal.js';
import type { ToolView } from './tool-view.js';

/**
 * Decides which tools a principal may see and run. Owned by the MCP layer and
 * the runner; implementations decide where permissions come from.
 */
export interface ToolSieve {
  /** The principal's view; cheap on repeat calls, fresh after a permission change. */
  viewFor(principal: Principal): Promise<ToolView>;
  /** Records a security event: the principal named a tool outside their view. */
  reportDenied(principal: Principal, module: string, tool: string | undefined, reason: string): void;
  /** Resolves once the security events reported so far are written (tests, shutdown). */
  flush(): Promise<void>;
}
