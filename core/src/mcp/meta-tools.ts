import { z } from 'zod';
import type { ToolView } from '../sieve/tool-view.js';

/** Names of the three meta-tools listed in meta mode. */
export const META_TOOL_NAMES = ['get_module_schema', 'call', 'batch'] as const;
export type MetaToolName = (typeof META_TOOL_NAMES)[number];

export const getModuleSchemaArgs = z.strictObject({
  modules: z.array(z.string().min(1)).min(1).max(50),
  tools: z.array(z.string().min(1)).min(1).max(100).optional(),
  index: z.boolean().optional(),
});

export const callArgs = z.strictObject({
  module: z.string().min(1),
  tool: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const batchArgs = z.strictObject({
  commands: z.string().min(1),
  format: z.enum(['toon', 'json']).optional(),
});

export interface MetaToolListing {
  name: MetaToolName;
  description: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
  annotations: { title: string; readOnlyHint?: boolean };
}

function schemaOf(schema: z.ZodType): MetaToolListing['inputSchema'] {
  const json = z.toJSONSchema(schema, { target: 'draft-7' }) as MetaToolListing['inputSchema'];
  delete json.$schema;
  return json;
}

const INPUT_SCHEMAS = {
  get_module_schema: schemaOf(getModuleSchemaArgs),
  call: schemaOf(callArgs),
  batch: schemaOf(batchArgs),
};

const listingCache = new WeakMap<ToolView, MetaToolListing[]>();

/**
 * The meta-tools for one view. Their size does not grow with the number of
 * tools: only module names and one-line descriptions are listed. Cached per
 * view, so a principal's listing is built once.
 */
export function metaToolListings(view: ToolView, describe: (module: string) => string): MetaToolListing[] {
  const cached = listingCache.get(view);
  if (cached) return cached;
  const modules = view.moduleNames.map((name) => `- ${name}: ${describe(name)}`).join('\n') || '- (none)';
  const listings: MetaToolListing[] = [
    {
      name: 'get_module_schema',
      description: `Get tool definitions (name, description, inputSchema, output_fields, dangerous, readOnly) before using \`call\` or \`batch\` with a module. Pay only for what you need: {"modules":["github"],"index":true} lists each tool's name and one-line summary; then {"modules":["github"],"tools":["list_issues"]} returns just those tools' definitions. {"modules":["github"]} alone returns every definition of the module (large).\nAvailable modules:\n${modules}`,
      inputSchema: INPUT_SCHEMAS.get_module_schema,
      annotations: { title: 'Get module schema', readOnlyHint: true },
    },
    {
      name: 'call',
      description:
        'Run one tool of a module: {"module": "github", "tool": "list_issues", "params": {...}}. Results come back as TOON (compact tables); add "format": "json" to params for JSON. Lists are already paginated for you.',
      inputSchema: INPUT_SCHEMAS.call,
      annotations: { title: 'Call a tool' },
    },
    {
      name: 'batch',
      description: [
        'Run several tools in one call. `commands` is JSONL, one command per line:',
        '{"id":"s","module":"github","tool":"search_issues","params":{"q":"bug"},"output":true}',
        'Commands without "after" run in parallel; "after": ["s"] waits for s. Params may use earlier results: "${s.items[0].title}", "${s.items.length}". A failed command skips its dependents. Only commands with "output": true return their result; every command reports its status.',
      ].join('\n'),
      inputSchema: INPUT_SCHEMAS.batch,
      annotations: { title: 'Run a batch of tools' },
    },
  ];
  listingCache.set(view, listings);
  return listings;
}
