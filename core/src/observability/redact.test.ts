import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, format, transports } from 'winston';
import { REDACTED, redactFormat } from './redact.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({
    format: format.combine(redactFormat(), format.json()),
    transports: [new transports.Stream({ stream })],
  });
  return { logger, lines };
}

describe('redactFormat', () => {
  it.each([
    ['a token field', { token: 'plain-value' }, 'plain-value'],
    ['a nested authorization header', { headers: { Authorization: 'Basic abc123' } }, 'abc123'],
    ['a refresh_token', { body: { refresh_token: 'r-123' } }, 'r-123'],
    [
      'an API token in a message field',
      { note: 'used mcpist_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      'mcpist_AAAA',
    ],
    ['a bearer token in text', { detail: 'sent Bearer abc.def.ghi' }, 'abc.def.ghi'],
    ['a GitHub PAT', { detail: 'ghp_0123456789abcdefghij0123456789' }, 'ghp_0123'],
    ['an error message with a secret', { error: new Error('bad Bearer xyz987') }, 'xyz987'],
  ])('removes %s', (_name, meta, secret) => {
    const { logger, lines } = capture();
    logger.info('event', meta);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain(REDACTED);
  });

  it('keeps ordinary fields', () => {
    const { logger, lines } = capture();
    logger.info('tool call succeeded', { module: 'github', tool: 'list_issues', duration_ms: 12, token_id: 'abc' });
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      module: 'github',
      tool: 'list_issues',
      duration_ms: 12,
      token_id: 'abc',
    });
  });
});
