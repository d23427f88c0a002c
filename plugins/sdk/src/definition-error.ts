/** Thrown by `definePlugin`/`defineTool` when a definition is malformed. Carries a stable code. */
export class DefinitionError extends Error {
  /** Stable code, e.g. `MCPIST_TOOL_NAME`. Assert on this, not on the message. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'DefinitionError';
    this.code = code;
  }
}
