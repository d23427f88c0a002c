/**
 * @mcpist/plugin-sdk — everything a plugin package needs and nothing of the
 * server: define tools and plugins, declare auth and rate limits, throw typed
 * errors. Re-exports `z` so schemas use the same zod as the SDK.
 */
export { z } from 'zod';
export type {
  AuthDeclaration,
  Credential,
  OAuth2Declaration,
  RateLimitDeclaration,
  TokenAuthDeclaration,
  TokenField,
} from './auth.js';
export { currentToolContext, runInToolCall } from './call-scope.js';
export {
  type AudioBlock,
  audioBlock,
  type BinaryData,
  type ContentBlock,
  type ContentResult,
  contentResult,
  describeBlock,
  type EmbeddedResourceBlock,
  type ImageBlock,
  imageBlock,
  isContentResult,
  type ResourceContents,
  type ResourceLinkBlock,
  resourceBlock,
  resourceLinkBlock,
  type TextBlock,
  textBlock,
  toBase64,
} from './content.js';
export type { ToolContext, ToolLogger } from './context.js';
export {
  definePlugin,
  isPluginDefinition,
  PLUGIN_NAME_PATTERN,
  type PluginDefinition,
  type PluginSpec,
} from './define-plugin.js';
export {
  definePrompt,
  PROMPT_NAME_PATTERN,
  type PromptDefinition,
  type PromptMessage,
  type PromptSpec,
} from './define-prompt.js';
export {
  type Completer,
  defineResource,
  defineResourceTemplate,
  RESOURCE_NAME_PATTERN,
  type ResourceBody,
  type ResourceDefinition,
  type ResourceSpec,
  type ResourceTemplateDefinition,
  type ResourceTemplateSpec,
  schemeOf,
} from './define-resource.js';
export {
  defineTool,
  type JsonSchema,
  RESERVED_INPUT_KEYS,
  TOOL_NAME_PATTERN,
  type ToolDefinition,
  type ToolOutput,
  type ToolSpec,
  toJsonSchema,
} from './define-tool.js';
export { DefinitionError } from './definition-error.js';
export {
  type ErrorMapper,
  type ErrorMappingContext,
  type ErrorMappingPlugin,
  invokeTool,
  mapToolError,
  type ToolFailureScope,
} from './error-mapping.js';
export {
  AuthExpiredError,
  AuthInvalidError,
  errorFromHttpStatus,
  type HttpFailure,
  InvalidInputError,
  isPluginError,
  NotFoundError,
  PluginError,
  type PluginErrorKind,
  type PluginErrorOptions,
  parseRetryAfter,
  RateLimitedError,
  UpstreamPermanentError,
  UpstreamTransientError,
} from './errors.js';
export { type Icon, monogramIcon } from './icon.js';
export { abortFailure, networkErrorCode, unreachableError } from './network-failures.js';
export type { UpstreamDeclaration, VersionSource } from './upstream.js';
export { PLUGIN_API_VERSION } from './version.js';
