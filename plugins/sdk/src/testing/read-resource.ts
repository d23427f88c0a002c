import { type ResourceContents, toBase64 } from '../content.js';
import type { PluginDefinition } from '../define-plugin.js';
import type { ResourceTemplateDefinition } from '../define-resource.js';
import { mapToolError } from '../error-mapping.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { type RunToolOptions, testContext } from './run-tool.js';

/** A template as a regular expression: `{name}` is one path segment, `{+name}` may hold slashes. */
function matchTemplate(template: ResourceTemplateDefinition, uri: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template.uriTemplate
    .split(/(\{\+?[A-Za-z0-9_]+\})/)
    .map((part) => {
      const variable = /^\{(\+?)([A-Za-z0-9_]+)\}$/.exec(part);
      if (!variable) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(variable[2] as string);
      return variable[1] ? '(.+)' : '([^/?#]+)';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(uri);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] as string)]));
}

/**
 * Reads one of a plugin's resources the way the core would, minus retry and
 * rate limits: the URI picks a fixed resource or a template, the template's
 * params are validated (failing with `InvalidInputError`), and failures go
 * through the plugin's `mapError`. Throws `NotFoundError` for a URI the
 * plugin does not serve. Returns the contents a client would receive.
 */
export async function readResource(
  plugin: PluginDefinition,
  uri: string,
  options: RunToolOptions = {},
): Promise<ResourceContents> {
  const context = testContext(plugin, options);
  const scope = { mapError: plugin.mapError, service: plugin.displayName, signal: context.signal };
  const fixed = plugin.resources.find((resource) => resource.uri === uri);
  let body: Awaited<ReturnType<NonNullable<typeof fixed>['read']>>;
  let mimeType: string;
  if (fixed) {
    mimeType = fixed.mimeType;
    body = await fixed.read(context).catch((error: unknown) => {
      throw mapToolError(error, { ...scope, tool: `read:${fixed.name}` });
    });
  } else {
    const template = plugin.resourceTemplates.find((candidate) => matchTemplate(candidate, uri) !== undefined);
    if (!template) throw new NotFoundError(`plugin "${plugin.name}" serves no resource ${uri}`);
    const parsed = template.params.safeParse(matchTemplate(template, uri));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError(`invalid URI: ${issue?.path.join('.')}: ${issue?.message}`, {
        field: issue?.path.join('.'),
      });
    }
    mimeType = template.mimeType;
    body = await template.read(parsed.data, context).catch((error: unknown) => {
      throw mapToolError(error, { ...scope, tool: `read:${template.name}` });
    });
  }
  if (typeof body === 'string') return { uri, mimeType, text: body };
  if ('text' in body) return { uri, mimeType: body.mimeType ?? mimeType, text: body.text };
  return { uri, mimeType: body.mimeType ?? mimeType, blob: toBase64(body.blob) };
}

/**
 * Runs the completer of a template variable (by the template's name) or of a
 * prompt argument (`{ prompt: name }`) with a test context; `[]` when there
 * is none.
 */
export async function completeArgument(
  plugin: PluginDefinition,
  target: { template: string } | { prompt: string },
  argument: { name: string; value: string },
  others: Record<string, string> = {},
  options: RunToolOptions = {},
): Promise<readonly string[]> {
  const owner =
    'template' in target
      ? plugin.resourceTemplates.find((template) => template.name === target.template)
      : plugin.prompts.find((prompt) => prompt.name === target.prompt);
  if (!owner) throw new Error(`plugin "${plugin.name}" has no ${JSON.stringify(target)}`);
  const completer = owner.complete[argument.name];
  return completer ? completer(argument.value, others, testContext(plugin, options)) : [];
}
