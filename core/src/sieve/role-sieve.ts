import type { Logger } from 'winston';
import type { Principal } from '../auth/principal.js';
import { allowedToolsOf, type ModuleStatus, type RolePermissions } from '../neutral/allowed-tools.js';
import type { CatalogTool, ModuleCatalog } from '../plugins/module-catalog.js';
import type { ToolSieve } from './tool-sieve.js';
import { ToolView } from './tool-view.js';

export type { ModuleStatus, RolePermissions } from '../neutral/allowed-tools.js';

/** A refused call, as the sieve records it in the audit log. */
export interface DenialRecord {
  event: 'tool_denied';
  userId: string;
  module: string;
  tool: string | undefined;
  reason: string;
}

/**
 * What the sieve reads from the store, and where it records refusals. Owned
 * by the sieve; the store's repositories implement it. Every read moves the
 * permission epoch when it changes.
 */
export interface RoleSieveStore {
  roles: { rolesOfUser(userId: string): Promise<readonly RolePermissions[]> };
  registry: { statuses(): Promise<ReadonlyMap<string, ModuleStatus>> };
  epoch: { current(): Promise<string> };
  audit: { record(denial: DenialRecord): Promise<void> };
}

/**
 * Role-based Tool Sieve (DESIGN §4). Views are cached per distinct set of
 * allowed tools, so every user with the same permissions shares one view
 * object; each request costs one read of the permission epoch, and any
 * change to roles, assignments, permissions or module statuses — made by
 * this instance or another sharing the database — empties the caches
 * before the next request is answered.
 */
export class RoleSieve implements ToolSieve {
  private epoch: string | undefined;
  private statuses: Promise<ReadonlyMap<string, ModuleStatus>> | undefined;
  private readonly byUser = new Map<string, Promise<ToolView>>();
  private readonly byPermissions = new Map<string, ToolView>();
  private readonly pendingAudits = new Set<Promise<void>>();

  constructor(
    protected readonly catalog: ModuleCatalog,
    private readonly store: RoleSieveStore,
    private readonly logger: Logger,
  ) {}

  async viewFor(principal: Principal): Promise<ToolView> {
    const epoch = await this.store.epoch.current();
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.statuses = undefined;
      this.byUser.clear();
      this.byPermissions.clear();
    }
    let view = this.byUser.get(principal.userId);
    if (!view) {
      view = this.buildView(principal.userId);
      this.byUser.set(principal.userId, view);
      // A failed read must not stay cached.
      view.catch(() => {
        if (this.byUser.get(principal.userId) === view) this.byUser.delete(principal.userId);
      });
    }
    return view;
  }

  reportDenied(principal: Principal, module: string, tool: string | undefined, reason: string): void {
    this.logger.warn('security: tool denied', {
      event: 'tool_denied',
      user_id: principal.userId,
      user: principal.email,
      module,
      tool,
      reason,
    });
    // The refusal is already decided; a failing audit write is logged, never turned into an error.
    const write = this.store.audit
      .record({ event: 'tool_denied', userId: principal.userId, module, tool, reason })
      .catch((error: unknown) => {
        this.logger.error('audit write failed', {
          event: 'tool_denied',
          user_id: principal.userId,
          error: (error as { code?: string })?.code ?? 'unknown',
        });
      })
      .finally(() => this.pendingAudits.delete(write));
    this.pendingAudits.add(write);
  }

  /** Waits for audit writes started so far (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingAudits]);
  }

  private async buildView(userId: string): Promise<ToolView> {
    const { tools, deprecated } = await this.allowedFor(userId);
    const key = `${tools.map((tool) => tool.qualifiedName).join(',')}|${deprecated.join(',')}`;
    let view = this.byPermissions.get(key);
    if (!view) {
      view = new ToolView(this.catalog, tools, { deprecatedModules: deprecated });
      this.byPermissions.set(key, view);
    }
    return view;
  }

  /** The user's allowed tools in catalog order, and the deprecated modules among them: the role rule over the store. */
  protected async allowedFor(userId: string): Promise<{ tools: CatalogTool[]; deprecated: string[] }> {
    if (!this.statuses) {
      const statuses = this.store.registry.statuses();
      this.statuses = statuses;
      statuses.catch(() => {
        if (this.statuses === statuses) this.statuses = undefined;
      });
    }
    const [roles, statuses] = await Promise.all([this.store.roles.rolesOfUser(userId), this.statuses]);
    const tools = allowedToolsOf(this.catalog, roles, statuses);
    const modules = new Set(tools.map((tool) => tool.module.name));
    return { tools, deprecated: [...modules].filter((name) => statuses.get(name) === 'deprecated') };
  }
}
