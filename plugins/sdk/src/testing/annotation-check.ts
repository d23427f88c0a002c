import type { PluginDefinition } from '../define-plugin.js';

/** A plugin's naming policy for tool annotations: which names read, which destroy or finalize. */
export interface AnnotationRules {
  /** Names of tools that only read, e.g. `/^(list|get|search)_/`. */
  readOnly: RegExp;
  /** Names of tools that destroy or finalize data, e.g. `/^(delete|merge)_/`. */
  dangerous: RegExp;
}

/**
 * Throws, listing every offender, when a tool's `readOnly` or `dangerous`
 * disagrees with the plugin's naming policy: a new `delete_*` tool that
 * forgot `dangerous: true` fails here instead of reaching members' roles.
 */
export function expectAnnotationsFollowNames(plugin: PluginDefinition, rules: AnnotationRules): void {
  const offenders = plugin.tools.flatMap((tool) => {
    const wrong: string[] = [];
    if (tool.readOnly !== rules.readOnly.test(tool.name)) wrong.push(`readOnly is ${tool.readOnly}`);
    if (tool.dangerous !== rules.dangerous.test(tool.name)) wrong.push(`dangerous is ${tool.dangerous}`);
    return wrong.length > 0 ? [`${tool.name} (${wrong.join(', ')})`] : [];
  });
  if (offenders.length > 0) {
    throw new Error(`plugin "${plugin.name}": annotations disagree with the tool names: ${offenders.join('; ')}`);
  }
}
