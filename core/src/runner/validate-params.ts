import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { CatalogTool } from '../plugins/module-catalog.js';
import type { OutputFormat } from './output-shaper.js';

/** A call whose tool is resolved and whose params passed the tool's schema. */
export interface ValidatedCall {
  tool: CatalogTool;
  input: unknown;
  format: OutputFormat;
}

function invalid(tool: CatalogTool, field: string, message: string): McpistError {
  const where = `${tool.module.name}.${tool.definition.name}`;
  return new McpistError(ErrorCodes.INVALID_PARAMS, `${where}: params.${field}: ${message}`, {
    data: { module: tool.module.name, tool: tool.definition.name, field },
  });
}

/**
 * Checks params against the tool's schema (built once with the tool) and
 * takes out MCPist's own `format` key. Fails with 2003 INVALID_PARAMS naming
 * the field.
 */
export function validateParams(tool: CatalogTool, params: unknown): ValidatedCall {
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw new McpistError(
      ErrorCodes.INVALID_PARAMS,
      `${tool.module.name}.${tool.definition.name}: params must be an object`,
      {
        data: { module: tool.module.name, tool: tool.definition.name, field: 'params' },
      },
    );
  }
  const { format = 'toon', ...rest } = (params ?? {}) as Record<string, unknown>;
  if (format !== 'toon' && format !== 'json') throw invalid(tool, 'format', 'must be "toon" or "json"');
  const parsed = tool.definition.input.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(tool, issue?.path.map(String).join('.') || '(root)', issue?.message ?? 'invalid');
  }
  return { tool, input: parsed.data, format };
}
