import { z } from 'zod';
import type { ContentResult } from './content.js';
import type { ToolContext } from './context.js';
import { deepFreeze } from './deep-freeze.js';
import { DefinitionError } from './definition-error.js';
import { checkIcons, type Icon } from './icon.js';

/** A JSON Schema object, as listed to MCP clients. */
export type JsonSchema = Record<string, unknown>;

/** Names a tool may have: lower snake case, as LLMs read them best. */
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Input keys the core keeps for itself (output shaping). */
export const RESERVED_INPUT_KEYS: readonly string[] = ['format'];

/**
 * What a handler returns: a list of records, one record, or text (Markdown).
 * Records should carry the tool's declared output fields; the core keeps
 * exactly those fields and renders them as TOON or JSON.
 */
export type ToolOutput<R> = R[] | R | string;

/** The object you pass to `defineTool`. */
export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject | undefined> {
  /** `snake_case`; listed as `module_name` in direct mode. */
  name: string;
  /** Written for an LLM: what it does, when to use it, what it returns. */
  description: string;
  /** Input schema; validated by the core before the handler runs. */
  input: I;
  /** Shape of one output record. Omit for tools that return text. */
  output?: O;
  /** Whether the handler returns a list of records (default) or a single record. Ignored for text tools. */
  returns?: 'list' | 'record';
  /** Destroys or finalizes data (delete, merge). Off in new roles by default. */
  dangerous?: boolean;
  /** Only reads. Tools that do not say so are treated as writes and never retried after they may have reached the service. */
  readOnly?: boolean;
  /** Deadline for one call, overriding the server default (30 s). */
  timeoutMs?: number;
  /** Icons of this tool; without them a client shows the plugin's. */
  icons?: readonly Icon[];
  /**
   * Returns records (tools with `output`), or text; a tool without `output`
   * may return `contentResult([...])` to answer with images, audio or
   * embedded resources.
   */
  handler: (
    input: z.output<I>,
    ctx: ToolContext,
  ) => Promise<O extends z.ZodObject ? ToolOutput<z.input<O>> : string | ContentResult>;
}

/** A tool as the core sees it: metadata as data, plus one function. */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly input: z.ZodObject;
  readonly output: z.ZodObject | undefined;
  /** JSON Schema of the input, computed once (on first use). */
  readonly inputSchema: JsonSchema;
  /** JSON Schema of one output record, computed once (on first use); undefined for text tools. */
  readonly outputSchema: JsonSchema | undefined;
  /** `list`, `record`, or `text` when the tool declares no output. */
  readonly returns: 'list' | 'record' | 'text';
  /** Field names of one output record, in declaration order. */
  readonly outputFields: readonly string[];
  readonly dangerous: boolean;
  readonly readOnly: boolean;
  readonly timeoutMs: number | undefined;
  readonly icons: readonly Icon[] | undefined;
  readonly handler: (input: unknown, ctx: ToolContext) => Promise<unknown>;
}

function isZodObject(value: unknown): value is z.ZodObject {
  // Duck-typed: a plugin may build schemas with its own copy of zod.
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as z.ZodObject).safeParse === 'function' &&
    typeof (value as z.ZodObject).shape === 'object'
  );
}

/** Converts a zod schema to the JSON Schema dialect MCP clients validate with. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/**
 * Declares one tool. The result and its JSON schemas are frozen; the schemas
 * are computed once, when first asked for, so nothing about a tool is
 * recomputed per call and start-up converts none.
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject | undefined = undefined>(
  spec: ToolSpec<I, O>,
): ToolDefinition {
  if (!TOOL_NAME_PATTERN.test(spec.name)) {
    throw new DefinitionError('MCPIST_TOOL_NAME', `tool name "${spec.name}" must match ${TOOL_NAME_PATTERN}`);
  }
  if (typeof spec.description !== 'string' || spec.description.trim().length < 10) {
    throw new DefinitionError('MCPIST_TOOL_DESCRIPTION', `tool "${spec.name}" needs a description an LLM can act on`);
  }
  if (!isZodObject(spec.input)) {
    throw new DefinitionError('MCPIST_TOOL_INPUT', `tool "${spec.name}": input must be a z.object(...)`);
  }
  for (const key of RESERVED_INPUT_KEYS) {
    if (key in spec.input.shape) {
      throw new DefinitionError('MCPIST_TOOL_INPUT', `tool "${spec.name}": input key "${key}" is reserved by MCPist`);
    }
  }
  if (typeof spec.handler !== 'function') {
    throw new DefinitionError('MCPIST_TOOL_HANDLER', `tool "${spec.name}" needs a handler function`);
  }
  checkIcons(spec.icons, `tool "${spec.name}"`);
  const output = spec.output as z.ZodObject | undefined;
  if (spec.returns !== undefined && !['list', 'record'].includes(spec.returns)) {
    throw new DefinitionError('MCPIST_TOOL_OUTPUT', `tool "${spec.name}": returns must be "list" or "record"`);
  }
  if (output !== undefined && !isZodObject(output)) {
    throw new DefinitionError('MCPIST_TOOL_OUTPUT', `tool "${spec.name}": output must be a z.object(...)`);
  }
  // The JSON schemas are computed once, on first use: a server loading a hundred tools lists only those asked for.
  let inputSchema: JsonSchema | undefined;
  let outputSchema: JsonSchema | undefined;
  return Object.freeze({
    name: spec.name,
    description: spec.description.trim(),
    input: spec.input,
    output,
    get inputSchema(): JsonSchema {
      inputSchema ??= deepFreeze(toJsonSchema(spec.input, 'input'));
      return inputSchema;
    },
    get outputSchema(): JsonSchema | undefined {
      if (output) outputSchema ??= deepFreeze(toJsonSchema(output, 'output'));
      return outputSchema;
    },
    returns: output ? (spec.returns ?? 'list') : 'text',
    outputFields: Object.freeze(output ? Object.keys(output.shape) : []),
    dangerous: spec.dangerous ?? false,
    readOnly: spec.readOnly ?? false,
    timeoutMs: spec.timeoutMs,
    icons: spec.icons === undefined ? undefined : deepFreeze(structuredClone([...spec.icons])),
    handler: spec.handler as (input: unknown, ctx: ToolContext) => Promise<unknown>,
  });
}
