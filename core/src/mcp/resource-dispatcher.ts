import { type ContentBlock, isPluginError, schemeOf } from '@mcpist/plugin-sdk';
import {
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  ResourceNotFoundError,
} from '@modelcontextprotocol/server';
import { ErrorCodes } from '../errors/error-codes.js';
import type { McpistError } from '../errors/mcpist-error.js';
import type { CatalogResource, CatalogResourceEntry, CatalogTemplate } from '../plugins/resource-catalog.js';
import type { ToolRunner } from '../runner/tool-runner.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { ToolView } from '../sieve/tool-view.js';
import type { Completion, Completions } from './completions.js';
import { type ListPage, pageOf } from './list-page.js';
import type { DispatchContext } from './tool-dispatcher.js';

/** What a principal may see: its fixed resources and its templates, in catalog order. */
interface Visible {
  resources: CatalogResource[];
  templates: CatalogTemplate[];
}

/**
 * Template variables as the plugin should see them: clients expand templates
 * percent-encoded (RFC 6570), the matcher gives the values back as found.
 * Undefined when one is not valid percent-encoding.
 */
function decoded(variables: Record<string, string | string[]>): Record<string, string> | undefined {
  try {
    return Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [
        name,
        decodeURIComponent(Array.isArray(value) ? value.join(',') : value),
      ]),
    );
  } catch {
    return undefined;
  }
}

/** A failed read the upstream answered "not found": told apart by the plugin's typed error. */
function isNotFound(error: McpistError): boolean {
  return isPluginError(error.cause) && error.cause.kind === 'not_found';
}

/** A failed read as a JSON-RPC error: the caller's mistakes as such, the service's failures as internal. */
function readFailure(error: McpistError): ProtocolError {
  const rpcCode =
    error.code === ErrorCodes.UNAUTHORIZED
      ? ProtocolErrorCode.InvalidRequest
      : error.code === ErrorCodes.INVALID_PARAMS
        ? ProtocolErrorCode.InvalidParams
        : ProtocolErrorCode.InternalError;
  return new ProtocolError(rpcCode, error.message, { code: error.code, name: error.codeName, ...error.data });
}

/**
 * Answers `resources/list`, `resources/templates/list`, `resources/read` and
 * template completions. A resource is visible when its module is in the
 * principal's view and, when it names a tool in `requires`, that tool is too.
 * A read of a resource the principal may not see, of a URI nobody serves, or
 * of one the service does not have, is answered the same: resource not found.
 * Reads run through the tool runner: the broker's credential, the limiter,
 * retries, the deadline, logs and metrics (as `read:<name>`).
 */
export class ResourceDispatcher {
  private readonly byView = new WeakMap<ToolView, Visible>();

  constructor(
    private readonly entries: readonly CatalogResourceEntry[],
    private readonly sieve: ToolSieve,
    private readonly runner: ToolRunner,
    private readonly completions: Completions,
    private readonly settings: { listPageSize: number },
  ) {}

  /** Whether any module declares a resource or template (the `resources` capability). */
  get any(): boolean {
    return this.entries.length > 0;
  }

  async list(context: DispatchContext, cursor: string | undefined): Promise<ListPage<CatalogResource['listing']>> {
    const { resources } = await this.visible(context);
    return pageOf(
      resources.map((entry) => entry.listing),
      cursor,
      this.settings.listPageSize,
    );
  }

  async listTemplates(
    context: DispatchContext,
    cursor: string | undefined,
  ): Promise<ListPage<CatalogTemplate['listing']>> {
    const { templates } = await this.visible(context);
    return pageOf(
      templates.map((entry) => entry.listing),
      cursor,
      this.settings.listPageSize,
    );
  }

  async read(context: DispatchContext, uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    const found = this.match(uri);
    if (!found) throw new ResourceNotFoundError(uri);
    const { entry, params } = found;
    const view = await this.sieve.viewFor(context.principal);
    if (!this.allowed(view, entry)) {
      this.sieve.reportDenied(
        context.principal,
        entry.module.name,
        `read:${entry.definition.name}`,
        'resource not allowed',
      );
      throw new ResourceNotFoundError(uri);
    }
    let input: unknown = { uri };
    if (entry.kind === 'template') {
      const parsed = entry.definition.params.safeParse(params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.map(String).join('.') || '(uri)';
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${uri}: variable "${field}": ${issue?.message}`, {
          uri,
          field,
        });
      }
      input = { uri, params: parsed.data };
    }
    const outcome = await this.runner.execute(
      { tool: entry.reader, input, format: 'json' },
      { principal: context.principal, requestId: context.requestId, ...(signal ? { signal } : {}) },
    );
    if (!outcome.ok) {
      if (isNotFound(outcome.error)) throw new ResourceNotFoundError(uri);
      throw readFailure(outcome.error);
    }
    const block = outcome.content?.[0] as Extract<ContentBlock, { type: 'resource' }> | undefined;
    return { contents: block ? [block.resource] : [] };
  }

  /** Suggestions for a template variable; a template the principal may not see has none. */
  async complete(
    context: DispatchContext,
    uriTemplate: string,
    argument: { name: string; value: string },
    others: Record<string, string> | undefined,
  ): Promise<Completion> {
    const { templates } = await this.visible(context);
    const template = templates.find((entry) => entry.definition.uriTemplate === uriTemplate);
    if (!template) return { values: [], total: 0, hasMore: false };
    return this.completions.complete(
      context,
      template.module,
      template.definition.name,
      template.definition.complete[argument.name],
      argument,
      others,
    );
  }

  /** The entry serving `uri` (a fixed URI before a template), by the URI's scheme: the plugin's name. */
  private match(uri: string): { entry: CatalogResourceEntry; params?: Record<string, unknown> } | undefined {
    const scheme = schemeOf(uri);
    if (scheme === undefined) return undefined;
    const candidates = this.entries.filter((entry) => entry.module.name === scheme);
    const fixed = candidates.find((entry) => entry.kind === 'resource' && entry.definition.uri === uri);
    if (fixed) return { entry: fixed };
    for (const entry of candidates) {
      if (entry.kind !== 'template') continue;
      const variables = entry.matcher.match(uri);
      if (!variables) continue;
      const params = decoded(variables);
      return params ? { entry, params } : undefined;
    }
    return undefined;
  }

  private allowed(view: ToolView, entry: CatalogResourceEntry): boolean {
    const requires = entry.definition.requires;
    if (requires !== undefined) return view.find(entry.module.name, requires) !== undefined;
    return view.moduleNames.includes(entry.module.name);
  }

  /** Computed once per view: views are cached and shared, and a permission change brings a new one. */
  private async visible(context: DispatchContext): Promise<Visible> {
    const view = await this.sieve.viewFor(context.principal);
    const cached = this.byView.get(view);
    if (cached) return cached;
    const allowed = this.entries.filter((entry) => this.allowed(view, entry));
    const visible: Visible = {
      resources: allowed.filter((entry): entry is CatalogResource => entry.kind === 'resource'),
      templates: allowed.filter((entry): entry is CatalogTemplate => entry.kind === 'template'),
    };
    this.byView.set(view, visible);
    return visible;
  }
}
