import { describe, expect, it } from 'vitest';
import { loopbackAliases, publicBaseUrl, publicBaseUrlFor } from './public-url.js';

const asked = (host: string | undefined) => ({ get: (name: string) => (name === 'host' ? host : undefined) });

describe('the public URL', () => {
  it('is the configured one, else where the server listens', () => {
    expect(publicBaseUrl('https://mcp.example.com/', '0.0.0.0', 8088)).toBe('https://mcp.example.com');
    expect(publicBaseUrl(undefined, '127.0.0.1', 8088)).toBe('http://127.0.0.1:8088');
    expect(publicBaseUrl(undefined, '::1', 8088)).toBe('http://[::1]:8088');
  });

  it('has the other loopback spellings of the same port and path when it is a loopback http URL', () => {
    expect(loopbackAliases('http://127.0.0.1:8088')).toEqual([
      'http://127.0.0.1:8088',
      'http://localhost:8088',
      'http://[::1]:8088',
    ]);
    expect(loopbackAliases('http://localhost:8088/mcp')).toEqual([
      'http://localhost:8088/mcp',
      'http://127.0.0.1:8088/mcp',
      'http://[::1]:8088/mcp',
    ]);
    expect(loopbackAliases('https://localhost:8443')).toEqual(['https://localhost:8443']);
    expect(loopbackAliases('https://mcp.example.com')).toEqual(['https://mcp.example.com']);
  });

  it('is told as the request reached it only among those spellings, never anything a Host header invents', () => {
    const publicUrl = 'http://127.0.0.1:8088';
    expect(publicBaseUrlFor(asked('localhost:8088'), publicUrl)).toBe('http://localhost:8088');
    expect(publicBaseUrlFor(asked('LOCALHOST:8088'), publicUrl)).toBe('http://localhost:8088');
    expect(publicBaseUrlFor(asked('[::1]:8088'), publicUrl)).toBe('http://[::1]:8088');
    expect(publicBaseUrlFor(asked('localhost:9999'), publicUrl)).toBe(publicUrl);
    expect(publicBaseUrlFor(asked('evil.example'), publicUrl)).toBe(publicUrl);
    expect(publicBaseUrlFor(asked(undefined), publicUrl)).toBe(publicUrl);
    expect(publicBaseUrlFor(asked('localhost:8088'), 'https://mcp.example.com')).toBe('https://mcp.example.com');
  });
});
