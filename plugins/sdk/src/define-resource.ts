import type { z } from 'zod';
import type { BinaryData } from './content.js';
import type { ToolContext } from './context.js';
import { DefinitionError } from './definition-error.js';

/** Resource and template names: lower snake case, like tools. */
export const RESOURCE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * What a resource's `read` returns: Markdown or other text (with the
 * resource's declared MIME type), or text or bytes with a MIME type of their own.
 */
export type ResourceBody = string | { text: string; mimeType?: string } | { blob: BinaryData; mimeType?: string };

/**
 * Suggests values for an argument as the user types. `ctx` is a call
 * context like a handler's (the caller's credential, the core's fetch), so a
 * suggestion may come from the service: repository names, project keys.
 * Return at most a hundred; the core cuts the rest.
 */
export type Completer = (
  value: string,
  others: Readonly<Record<string, string>>,
  ctx: ToolContext,
) => readonly string[] | Promise<readonly string[]>;

interface ResourceCommon {
  /** Lower snake case; names the resource in logs and metrics (`read:<name>`). */
  name: string;
  /** A title a person reads in a client's resource picker. */
  title?: string;
  /** What the resource holds, for a person or an LLM choosing it. */
  description: string;
  /** MIME type of what `read` returns as plain text; default `text/markdown`. */
  mimeType?: string;
  /**
   * The tool whose permission this resource shares: a principal sees and
   * reads it only when its roles let it run that (read-only) tool of this
   * plugin. Without it the resource follows the module alone, like prompts.
   */
  requires?: string;
}

/** What `defineResource` takes: one fixed URI. */
export interface ResourceSpec extends ResourceCommon {
  /** The URI; its scheme must be the plugin's name, e.g. `github://user`. */
  uri: string;
  read: (ctx: ToolContext) => Promise<ResourceBody>;
}

/** What `defineResourceTemplate` takes: a family of URIs with variables. */
export interface ResourceTemplateSpec<P extends z.ZodObject> extends ResourceCommon {
  /**
   * An RFC 6570 URI template whose scheme is the plugin's name, e.g.
   * `notion://page/{page_id}`; `{+path}` lets a variable hold slashes.
   */
  uriTemplate: string;
  /**
   * The template's variables, one field each, validated before `read` runs.
   * Values arrive as the strings in the URI; a field may check and transform
   * them (a tool's own input field, e.g. an id that also accepts a page URL).
   */
  params: P;
  /** Suggestions per variable for `completion/complete`. */
  complete?: Partial<Record<keyof z.output<P> & string, Completer>>;
  read: (params: z.output<P>, ctx: ToolContext) => Promise<ResourceBody>;
}

/** A fixed resource as the core sees it. */
export interface ResourceDefinition {
  readonly kind: 'resource';
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string;
  readonly mimeType: string;
  readonly requires: string | undefined;
  readonly uri: string;
  readonly read: (ctx: ToolContext) => Promise<ResourceBody>;
}

/** A resource template as the core sees it. */
export interface ResourceTemplateDefinition {
  readonly kind: 'template';
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string;
  readonly mimeType: string;
  readonly requires: string | undefined;
  readonly uriTemplate: string;
  /** The variable names, in template order. */
  readonly variables: readonly string[];
  readonly params: z.ZodObject;
  readonly complete: Readonly<Record<string, Completer>>;
  readonly read: (params: unknown, ctx: ToolContext) => Promise<ResourceBody>;
}

const VARIABLE = /\{([+]?)([A-Za-z0-9_]+)\}/g;

function checkCommon(spec: ResourceCommon, code: string): (message: string) => DefinitionError {
  const fail = (message: string) => new DefinitionError(code, `resource "${spec.name}": ${message}`);
  if (!RESOURCE_NAME_PATTERN.test(spec.name)) throw fail(`name must match ${RESOURCE_NAME_PATTERN}`);
  if (typeof spec.description !== 'string' || spec.description.trim().length < 10) {
    throw fail('needs a description a person can choose by');
  }
  if (spec.mimeType !== undefined && !/^[\w.+-]+\/[\w.+-]+$/.test(spec.mimeType)) throw fail('mimeType is malformed');
  if (spec.requires !== undefined && typeof spec.requires !== 'string') throw fail('requires must be a tool name');
  return fail;
}

/** The scheme of a URI or URI template (`github` of `github://…`), or undefined. */
export function schemeOf(uri: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/.exec(uri)?.[1];
}

/** Declares a resource with one fixed URI; fails at import time with a coded `DefinitionError` when malformed. */
export function defineResource(spec: ResourceSpec): ResourceDefinition {
  const fail = checkCommon(spec, 'MCPIST_RESOURCE');
  if (typeof spec.uri !== 'string' || !URL.canParse(spec.uri) || spec.uri.includes('{')) {
    throw fail('uri must be a URI without template variables (use defineResourceTemplate)');
  }
  if (typeof spec.read !== 'function') throw fail('needs a read function');
  return Object.freeze({
    kind: 'resource' as const,
    name: spec.name,
    title: spec.title,
    description: spec.description.trim(),
    mimeType: spec.mimeType ?? 'text/markdown',
    requires: spec.requires,
    uri: spec.uri,
    read: spec.read,
  });
}

/** Declares a resource template; every variable must be a string field of `params` and the other way round. */
export function defineResourceTemplate<P extends z.ZodObject>(
  spec: ResourceTemplateSpec<P>,
): ResourceTemplateDefinition {
  const fail = checkCommon(spec, 'MCPIST_RESOURCE_TEMPLATE');
  if (typeof spec.uriTemplate !== 'string' || schemeOf(spec.uriTemplate) === undefined) {
    throw fail('uriTemplate must start with a scheme, e.g. "notion://page/{page_id}"');
  }
  if (typeof spec.read !== 'function') throw fail('needs a read function');
  const shape = (spec.params as z.ZodObject | undefined)?.shape as Record<string, z.ZodType> | undefined;
  if (typeof shape !== 'object') throw fail('params must be a z.object(...)');
  const variables = [...spec.uriTemplate.matchAll(VARIABLE)].map((match) => match[2] as string);
  if (variables.length === 0) throw fail('uriTemplate has no {variable}; use defineResource');
  if (spec.uriTemplate.replace(VARIABLE, '').match(/[{}]/)) {
    throw fail('uriTemplate may use only {name} and {+name} expressions');
  }
  for (const name of variables) {
    if (!(name in shape)) throw fail(`variable "${name}" is not a field of params`);
  }
  for (const name of Object.keys(shape)) {
    if (!variables.includes(name)) throw fail(`params field "${name}" is not a variable of uriTemplate`);
  }
  for (const [key, completer] of Object.entries(spec.complete ?? {})) {
    if (!variables.includes(key)) throw fail(`complete names "${key}", which is not a variable`);
    if (typeof completer !== 'function') throw fail(`complete.${key} must be a function`);
  }
  return Object.freeze({
    kind: 'template' as const,
    name: spec.name,
    title: spec.title,
    description: spec.description.trim(),
    mimeType: spec.mimeType ?? 'text/markdown',
    requires: spec.requires,
    uriTemplate: spec.uriTemplate,
    variables: Object.freeze(variables),
    params: spec.params,
    complete: Object.freeze({ ...(spec.complete ?? {}) }) as Readonly<Record<string, Completer>>,
    read: spec.read as ResourceTemplateDefinition['read'],
  });
}
