import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { BatchCommand } from './batch-command.js';
import { referencedIds } from './references.js';

/** A validated batch: commands with their full dependency sets. */
export interface BatchPlan {
  commands: BatchCommand[];
  /** id → ids it waits for (`after` plus referenced ids). */
  dependencies: Map<string, Set<string>>;
  /** Whether a command's params reference earlier results (validated only once they are known). */
  hasReferences: Set<string>;
}

function reject(message: string, data: Record<string, unknown>): McpistError {
  return new McpistError(ErrorCodes.INVALID_PARAMS, `batch rejected: ${message}`, { data });
}

/**
 * Checks the DAG before anything runs: command count, duplicate ids, unknown
 * dependencies, cycles. References imply dependencies.
 */
export function planBatch(commands: BatchCommand[], maxCommands: number): BatchPlan {
  if (commands.length > maxCommands) {
    throw reject(`${commands.length} commands; at most ${maxCommands} are allowed`, { max_commands: maxCommands });
  }
  const ids = new Set<string>();
  for (const command of commands) {
    if (ids.has(command.id)) throw reject(`duplicate id "${command.id}" (line ${command.line})`, { id: command.id });
    ids.add(command.id);
  }
  const dependencies = new Map<string, Set<string>>();
  const hasReferences = new Set<string>();
  for (const command of commands) {
    const refs = referencedIds(command.params);
    if (refs.size > 0) hasReferences.add(command.id);
    const deps = new Set([...command.after, ...refs]);
    for (const dep of deps) {
      if (!ids.has(dep))
        throw reject(`"${command.id}" depends on unknown id "${dep}"`, { id: command.id, dependency: dep });
      if (dep === command.id) throw reject(`"${command.id}" depends on itself`, { id: command.id });
    }
    dependencies.set(command.id, deps);
  }
  const cycle = findCycle(dependencies);
  if (cycle) throw reject(`dependency cycle ${cycle.join(' -> ')}`, { cycle });
  return { commands, dependencies, hasReferences };
}

function findCycle(dependencies: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of dependencies.get(id) ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of dependencies.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}
