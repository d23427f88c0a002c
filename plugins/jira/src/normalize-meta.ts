import { z } from '@mcpist/plugin-sdk';

/** Normalized records of create metadata (DESIGN §3): what a project accepts when an issue is created. */

/** One issue type a project offers for new issues. */
export const issueTypeRecord = z.object({
  id: z.string().describe('Issue type id'),
  name: z.string().describe('create_issue takes it as issue_type, e.g. Bug'),
  subtask: z.boolean().describe('true for sub-task types, which need a parent issue'),
  description: z.string().nullable(),
});

/** One field of the create screen for a project and issue type. */
export const createFieldRecord = z.object({
  field_id: z.string().describe('Field id as create_issue\'s "fields" takes it, e.g. priority or customfield_10011'),
  name: z.string().describe('Field name as people see it'),
  required: z.boolean(),
  type: z.string().nullable().describe('Value type: string, number, date, user, option, array of option, …'),
  allowed_values: z
    .string()
    .nullable()
    .describe('The values Jira accepts, comma-separated (names, else values); null when free-form'),
  has_default: z.boolean().describe('true when Jira fills the field when it is left out'),
});

export type IssueTypeRecord = z.output<typeof issueTypeRecord>;
export type CreateFieldRecord = z.output<typeof createFieldRecord>;

/** The parts of Jira's create-metadata issue type we read. */
export interface MetaIssueType {
  id?: string;
  name?: string;
  subtask?: boolean;
  description?: string;
}

/** The parts of Jira's create-metadata field we read. */
export interface MetaField {
  fieldId?: string;
  key?: string;
  name?: string;
  required?: boolean;
  hasDefaultValue?: boolean;
  schema?: { type?: string; items?: string };
  allowedValues?: unknown[];
}

/** How many allowed values a record lists before it says how many more there are. */
const MAX_ALLOWED_VALUES = 25;

function valueName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, value: plain, key } = value as { name?: unknown; value?: unknown; key?: unknown };
  const found = [name, plain, key].find((candidate) => typeof candidate === 'string');
  return typeof found === 'string' ? found : undefined;
}

function allowedValues(values: unknown[] | undefined): string | null {
  if (!values || values.length === 0) return null;
  const names = values.map(valueName).filter((name): name is string => name !== undefined);
  const shown = names.slice(0, MAX_ALLOWED_VALUES).join(', ');
  return names.length > MAX_ALLOWED_VALUES ? `${shown}, … (${names.length - MAX_ALLOWED_VALUES} more)` : shown;
}

export function toIssueTypeRecord(type: MetaIssueType): IssueTypeRecord {
  return {
    id: type.id ?? '',
    name: type.name ?? '',
    subtask: type.subtask === true,
    description: type.description ? type.description : null,
  };
}

export function toCreateFieldRecord(field: MetaField): CreateFieldRecord {
  const { type, items } = field.schema ?? {};
  return {
    field_id: field.fieldId ?? field.key ?? '',
    name: field.name ?? '',
    required: field.required === true,
    type: type === 'array' && items ? `array of ${items}` : (type ?? null),
    allowed_values: allowedValues(field.allowedValues),
    has_default: field.hasDefaultValue === true,
  };
}
