import { z } from 'zod';
import type { ApiRoute } from './define-route.js';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'name', 'message'],
      properties: {
        code: { type: 'integer', description: 'MCPist error code (1003 UNAUTHORIZED, 2003 INVALID_PARAMS, ...)' },
        name: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string', description: 'The first offending field, e.g. `enabled_modules[1]`' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request; `error.field` names the offending field',
  401: 'Missing or invalid bearer token (carries `WWW-Authenticate: Bearer resource_metadata=...`)',
  403: 'Administrators only',
  404: 'Not found (ids that are not UUIDs are not found either)',
  409: 'Conflicts with the stored state',
};

const errorResponse = (status: number) => ({
  description: ERROR_TEXT[status],
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function parametersOf(route: ApiRoute): JsonSchema[] {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!route.query) return path;
  const query = jsonSchema(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
}

function operationOf(route: ApiRoute): JsonSchema {
  const status = route.status ?? 200;
  const statuses = [400, 401, ...(route.admin ? [403] : []), ...(route.errors ?? [])];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.admin ? { description: 'Administrators only.' } : {}),
    parameters: parametersOf(route),
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : {}),
    responses: {
      [status]:
        status === 204 || !route.response
          ? { description: 'Done' }
          : { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
      ...Object.fromEntries(statuses.map((code) => [code, errorResponse(code)])),
    },
  };
}

/** The OpenAPI 3.1 document of the admin API, generated from the routes' own schemas. */
export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        tags: ['meta'],
        security: [],
        responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: {} } } } },
      },
    },
  };
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MCPist admin API',
      version,
      description: 'Users, roles, permissions, modules, API tokens and the audit log. See docs/api.md.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An MCPist API token (`mcpist_…`) or a JWT from the configured identity provider',
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}
