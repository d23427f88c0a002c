/**
 * @mcpist/plugin-sdk/testing — run a tool handler against a fake upstream
 * served on loopback, without a server.
 */
export {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type FakeUpstream,
  startFakeUpstream,
} from './fake-upstream.js';
export { type RunToolOptions, runTool } from './run-tool.js';
