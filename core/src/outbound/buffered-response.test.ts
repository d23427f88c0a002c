import { describe, expect, it } from 'vitest';
import { bufferedResponse } from './buffered-response.js';

const bytes = new TextEncoder().encode('{"number":7,"title":"ünïcødé"}');
const make = () =>
  bufferedResponse(
    bytes,
    { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' } },
    'https://api.example.com/x',
  );

describe('an upstream answer read whole, as a Response', () => {
  it('is a Response with the status, headers and final URL', () => {
    const response = make();
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok, response.url]).toEqual([
      201,
      'Created',
      true,
      'https://api.example.com/x',
    ]);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it.each([
    ['text', (r: Response) => r.text(), '{"number":7,"title":"ünïcødé"}'],
    ['json', (r: Response) => r.json(), { number: 7, title: 'ünïcødé' }],
    [
      'arrayBuffer',
      async (r: Response) => new TextDecoder().decode(await r.arrayBuffer()),
      '{"number":7,"title":"ünïcødé"}',
    ],
    ['bytes', async (r: Response) => new TextDecoder().decode(await r.bytes()), '{"number":7,"title":"ünïcødé"}'],
    ['blob', async (r: Response) => (await r.blob()).text(), '{"number":7,"title":"ünïcødé"}'],
    ['body', async (r: Response) => new Response(r.body).text(), '{"number":7,"title":"ünïcødé"}'],
  ])('reads the body once through %s, as fetch answers do', async (_name, read, expected) => {
    const response = make();
    expect(response.bodyUsed).toBe(false);
    expect(await read(response)).toEqual(expected);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    await expect(response.json()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it('clones an unread answer, each copy read on its own', async () => {
    const response = make();
    const copy = response.clone();
    expect(copy.url).toBe(response.url);
    expect(await copy.json()).toEqual({ number: 7, title: 'ünïcødé' });
    expect(await response.text()).toContain('"number":7');
  });

  it('hands arrayBuffer() exactly the body, when the bytes are a view into a larger buffer', async () => {
    const pooled = Buffer.from('HTTP/1.1 200 OK\r\n\r\nthe body itself');
    const view = pooled.subarray(pooled.indexOf('the body'));
    const response = bufferedResponse(view, { status: 200 }, 'https://x.example');
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe('the body itself');
  });

  it('clones an answer whose stream was asked for, the copy keeping the URL', async () => {
    const response = make();
    expect(response.body).not.toBeNull();
    const copy = response.clone();
    expect(copy.url).toBe('https://api.example.com/x');
    expect(await copy.json()).toEqual({ number: 7, title: 'ünïcødé' });
    expect(await response.text()).toContain('"number":7');
  });

  it('rejects json() on a body that is not JSON with a SyntaxError', async () => {
    const response = bufferedResponse(new TextEncoder().encode('<html>'), { status: 200 }, 'https://x.example');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('hands the bytes out as copies: a reader that writes to them changes nothing', async () => {
    const response = make();
    const copy = response.clone();
    const first = await response.bytes();
    first.fill(0);
    expect(await copy.text()).toBe('{"number":7,"title":"ünïcødé"}');
  });
});
