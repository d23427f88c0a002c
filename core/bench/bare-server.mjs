#!/usr/bin/env node
/**
 * The benchmark's reference, in its own process like `mcpist serve`: a bare
 * MCP SDK server, stateless Streamable HTTP on express, whose one tool
 * `get_issue` makes the same upstream request MCPist's github.get_issue does.
 *
 *   node core/bench/bare-server.mjs <upstream base URL> <token>
 *
 * Prints `listening <url>` on stdout once it listens on 127.0.0.1:0.
 */
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express from 'express';
import { z } from 'zod';

const [upstream, token] = process.argv.slice(2);
if (!upstream || !token) {
  console.error('usage: node core/bench/bare-server.mjs <upstream base URL> <token>');
  process.exit(2);
}

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/mcp', async (req, res) => {
  const server = new McpServer({ name: 'bare-bench', version: '1.0.0' });
  server.registerTool(
    'get_issue',
    {
      description: 'Reads one GitHub issue by its number.',
      inputSchema: { owner: z.string(), repo: z.string(), issue_number: z.number().int().positive() },
    },
    async ({ owner, repo, issue_number }, extra) => {
      const url = `${upstream}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues/${issue_number}`;
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' },
        signal: extra.signal,
      });
      const text = await response.text();
      return { content: [{ type: 'text', text }], isError: !response.ok };
    },
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    transport.close().catch(() => {});
    server.close().catch(() => {});
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
const http = createServer(app);
http.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${http.address().port}`));
process.on('SIGTERM', () => http.close(() => process.exit(0)));
process.on('SIGINT', () => http.close(() => process.exit(0)));
