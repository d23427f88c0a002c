import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { BatchCommand } from './batch-command.js';

const ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const KEYS = new Set(['id', 'module', 'tool', 'params', 'after', 'output']);
/** Deeper lines are refused: recursive code further on (schemas, references, JSON.stringify) would overflow the stack. */
export const MAX_LINE_DEPTH = 64;

/**
 * Whether a JSON text nests `[`/`{` deeper than `limit`, strings skipped.
 * Measured on the text, before parsing, so a hostile line costs one pass.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (++depth > limit) return true;
    } else if (char === '}' || char === ']') depth--;
  }
  return false;
}

function invalid(line: number, message: string): McpistError {
  return new McpistError(ErrorCodes.INVALID_PARAMS, `batch line ${line}: ${message}`, { data: { line } });
}

/** Parses the JSONL of a batch: one `{"id","module","tool","params","after","output"}` object per line. */
export function parseBatch(jsonl: string): BatchCommand[] {
  const commands: BatchCommand[] = [];
  const lines = jsonl.split(/\r?\n/);
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    if (nestsDeeperThan(text, MAX_LINE_DEPTH)) throw invalid(line, `nests deeper than ${MAX_LINE_DEPTH} levels`);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw invalid(line, 'is not valid JSON');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(line, 'must be a JSON object');
    const record = raw as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!KEYS.has(key)) throw invalid(line, `unknown key "${key}"`);
    const { id, module, tool, params = {}, after = [], output = false } = record;
    if (typeof id !== 'string' || !ID.test(id)) throw invalid(line, `"id" must match ${ID}`);
    if (typeof module !== 'string' || module === '') throw invalid(line, '"module" must be a non-empty string');
    if (typeof tool !== 'string' || tool === '') throw invalid(line, '"tool" must be a non-empty string');
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw invalid(line, '"params" must be an object');
    if (!Array.isArray(after) || after.some((dep) => typeof dep !== 'string')) {
      throw invalid(line, '"after" must be an array of ids');
    }
    if (typeof output !== 'boolean') throw invalid(line, '"output" must be true or false');
    commands.push({
      id,
      module,
      tool,
      params: params as Record<string, unknown>,
      after: after as string[],
      output,
      line,
    });
  });
  if (commands.length === 0) throw new McpistError(ErrorCodes.INVALID_PARAMS, 'batch: no commands given');
  return commands;
}
