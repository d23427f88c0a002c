import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, format, transports } from 'winston';
import { jsonLine } from './json-line.js';
import { redactFormat } from './redact.js';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const logger = createLogger({
    format: format.combine(redactFormat(), jsonLine()),
    transports: [new transports.Stream({ stream })],
  });
  return { logger, lines };
}

describe('the JSON log line', () => {
  it('writes one JSON object per entry, with the level, message and fields', () => {
    const { logger, lines } = capture();
    logger.info('tool call succeeded', { module: 'github', duration_ms: 12, success: true, count: 10n });
    expect(lines).toHaveLength(1);
    expect(Object.keys(JSON.parse(lines[0] as string))).toEqual([
      'level',
      'message',
      'module',
      'duration_ms',
      'success',
      'count',
    ]);
    expect(JSON.parse(lines[0] as string)).toEqual({
      level: 'info',
      message: 'tool call succeeded',
      module: 'github',
      duration_ms: 12,
      success: true,
      count: '10',
    });
  });

  it('still writes an entry holding a cycle below what redaction copies', () => {
    const { logger, lines } = capture();
    type Node = { next?: Node };
    const deep: Node = {};
    let tail = deep;
    for (let i = 0; i < 10; i++) {
      tail.next = {};
      tail = tail.next;
    }
    tail.next = deep;
    logger.warn('odd entry', { deep });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as { message: string; deep: unknown };
    expect(line.message).toBe('odd entry');
    expect(lines[0]).toContain('[Circular]');
  });

  it('never writes a secret the redaction removed', () => {
    const { logger, lines } = capture();
    logger.info('connected', { token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', note: 'Bearer abc.def' });
    expect(lines[0]).not.toContain('ghp_');
    expect(lines[0]).not.toContain('abc.def');
  });
});
