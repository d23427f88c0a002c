import { z } from 'zod';
import type { ContentBlock } from './content.js';
import type { Completer } from './define-resource.js';
import { DefinitionError } from './definition-error.js';

/**
 * One message of a rendered prompt: text, or one content block (an image,
 * audio, an embedded resource or a link to one; see `imageBlock`,
 * `resourceBlock`).
 */
export type PromptMessage =
  | { readonly role: 'user' | 'assistant'; readonly text: string }
  | { readonly role: 'user' | 'assistant'; readonly content: ContentBlock };

/** What `definePrompt` takes: a prompt a user picks from a client's menu. */
export interface PromptSpec<A extends z.ZodObject> {
  /** Lower snake case; listed as `<plugin>_<name>`. */
  name: string;
  /** A title a person reads in a menu. */
  title?: string;
  description: string;
  /** The arguments, as string fields (`z.string()`, optional ones `.optional()`), each with `.describe(...)`. */
  arguments: A;
  /**
   * Suggestions for an argument as the user types: a function per argument
   * name, given what was typed so far, the other arguments and a call
   * context with the caller's credential (so it may ask the service).
   */
  complete?: Partial<Record<keyof z.output<A> & string, Completer>>;
  /** The messages for the given arguments (already validated). */
  render: (args: z.output<A>) => readonly PromptMessage[];
}

/** A prompt as the core sees it. */
export interface PromptDefinition {
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string;
  readonly arguments: z.ZodObject;
  /** Name, description and whether required, per argument, as MCP lists them. */
  readonly argumentList: readonly { name: string; description?: string; required: boolean }[];
  readonly complete: Readonly<Record<string, Completer>>;
  readonly render: (args: unknown) => readonly PromptMessage[];
}

export const PROMPT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Declares a prompt; fails at import time with a coded `DefinitionError` when malformed. */
export function definePrompt<A extends z.ZodObject>(spec: PromptSpec<A>): PromptDefinition {
  const fail = (message: string) => new DefinitionError('MCPIST_PROMPT', `prompt "${spec.name}": ${message}`);
  if (!PROMPT_NAME_PATTERN.test(spec.name)) throw fail(`name must match ${PROMPT_NAME_PATTERN}`);
  if (typeof spec.description !== 'string' || spec.description.trim().length < 10) {
    throw fail('needs a description a person can choose by');
  }
  if (typeof spec.render !== 'function') throw fail('needs a render function');
  const shape = (spec.arguments as z.ZodObject | undefined)?.shape;
  if (typeof shape !== 'object') throw fail('arguments must be a z.object(...)');
  const argumentList = Object.entries(shape as Record<string, z.ZodType>).map(([name, field]) => {
    const optional = field.safeParse(undefined).success;
    const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
    if (!(inner instanceof z.ZodString)) throw fail(`argument "${name}" must be a string (MCP prompt arguments are)`);
    return Object.freeze({
      name,
      ...(field.description ? { description: field.description } : {}),
      required: !optional,
    });
  });
  for (const key of Object.keys(spec.complete ?? {})) {
    if (!(key in shape)) throw fail(`complete names "${key}", which is not an argument`);
  }
  return Object.freeze({
    name: spec.name,
    title: spec.title,
    description: spec.description.trim(),
    arguments: spec.arguments,
    argumentList: Object.freeze(argumentList),
    complete: Object.freeze({ ...(spec.complete ?? {}) }) as PromptDefinition['complete'],
    render: spec.render as PromptDefinition['render'],
  });
}
