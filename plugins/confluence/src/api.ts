/**
 * confluence.js's request functions, loaded on a tool's first call rather than
 * when the hub starts: together they are the heaviest import of this plugin,
 * and a hub that never calls Confluence should not pay for them.
 */
export const confluenceV1 = () => import('confluence.js/v1');
export const confluenceV2 = () => import('confluence.js/v2');
