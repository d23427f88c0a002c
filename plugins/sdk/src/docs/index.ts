/**
 * @mcpist/plugin-sdk/docs — documentation generated from a plugin's
 * definition, so a README's tool table cannot drift from the tools.
 */
export { renderCatalogTables } from './catalog-table.js';
export { renderToolTable, replaceToolTable, TOOL_TABLE_BEGIN, TOOL_TABLE_END } from './tool-table.js';
