/**
 * @mcpist/plugin-sdk/testing — run a tool handler, read a resource or
 * complete an argument against a fake upstream served on loopback, without a
 * server; table-driven error-mapping tests;
 * a check that a README's tool table matches the definition.
 */
export { type AnnotationRules, expectAnnotationsFollowNames } from './annotation-check.js';
export { checkToolOutput, OutputMismatchError } from './check-output.js';
export {
  type AnswerCase,
  type ErrorExpectation,
  type ErrorMappingCase,
  ErrorMappingMismatch,
  type ErrorMappingSpec,
  errorMappingCases,
  type FakeForErrors,
  type ThrownCase,
} from './error-mapping-cases.js';
export {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type FakeUpstream,
  startFakeUpstream,
} from './fake-upstream.js';
export { completeArgument, readResource } from './read-resource.js';
export { type RunToolOptions, runTool, testContext } from './run-tool.js';
export { expectToolTableCurrent } from './tool-table-check.js';
