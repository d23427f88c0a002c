/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A small self-contained page (no scripts, no external assets) for the connect flow. `body` is trusted HTML. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} – MCPist</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
<h1>${escapeHtml(title)}</h1>
${body}</body></html>`;
}

/**
 * Headers for the connect pages: no framing (clickjacking), no referrer to
 * other sites (the URL carries the flow), scripts off, forms only to this server and — after
 * its redirect — the provider.
 */
export function pageSecurityHeaders(formTargets: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    // Not `no-referrer`: with it Chrome sends `Origin: null` on the page's own form, which the Origin check refuses.
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
