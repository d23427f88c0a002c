import { isContentResult } from '../content.js';
import type { ToolDefinition } from '../define-tool.js';

/** A handler returned something its tool's declared output does not allow. Fails the test that ran it. */
export class OutputMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputMismatchError';
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks a handler's result against its tool's declaration, as the hub will
 * shape it: a text tool returns a string (or `contentResult`); a record tool one record; a list
 * tool an array of records (or one record). Every record must parse with the
 * tool's `output` schema; fields beyond it are allowed (the hub drops them).
 * Throws {@link OutputMismatchError} naming the tool, the record and the field.
 */
export function checkToolOutput(tool: ToolDefinition, result: unknown): void {
  const fail = (message: string) => {
    throw new OutputMismatchError(`tool "${tool.name}" (returns ${tool.returns}): ${message}`);
  };
  if (typeof result === 'string') return;
  if (tool.returns === 'text' || tool.output === undefined) {
    if (isContentResult(result)) return;
    fail(`returned ${describeValue(result)}, but a text tool must return a string or contentResult([...])`);
    return;
  }
  if (tool.returns === 'record' && Array.isArray(result)) fail('returned an array, but declares one record');
  const records = Array.isArray(result) ? result : [result];
  records.forEach((record, index) => {
    const where = Array.isArray(result) ? `record [${index}]` : 'the record';
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      fail(`${where} is ${describeValue(record)}, not an object`);
    }
    const parsed = tool.output?.safeParse(record);
    if (parsed && !parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      fail(`${where} does not match the declared output schema: ${issues.join('; ')}`);
    }
  });
}
