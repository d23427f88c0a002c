import { DefinitionError } from './definition-error.js';

/**
 * An icon a client may show next to a module or tool (MCP 2025-11-25,
 * SEP-973). `src` is an `https:` URL or a `data:` URI (clients refuse other
 * schemes); give `mimeType` and `sizes` (`"48x48"`, `"any"` for SVG) so a
 * client can pick one without fetching them all.
 */
export interface Icon {
  readonly src: string;
  readonly mimeType?: string;
  readonly sizes?: readonly string[];
  /** The background the icon is drawn for; omit when it suits both. */
  readonly theme?: 'light' | 'dark';
}

/** Checks declared icons; `owner` names the plugin or tool in the error. */
export function checkIcons(icons: unknown, owner: string): void {
  if (icons === undefined) return;
  const fail = (message: string) => new DefinitionError('MCPIST_ICON', `${owner}: ${message}`);
  if (!Array.isArray(icons)) throw fail('icons must be an array');
  for (const icon of icons as Array<Partial<Icon> | null>) {
    const src = icon?.src;
    if (typeof src !== 'string' || !URL.canParse(src)) throw fail('each icon needs a src URL');
    const scheme = new URL(src).protocol;
    if (scheme !== 'https:' && scheme !== 'data:') throw fail(`icon src must be https: or data:, not ${scheme}`);
    if (icon?.theme !== undefined && icon.theme !== 'light' && icon.theme !== 'dark') {
      throw fail('icon theme must be "light" or "dark"');
    }
    if (icon?.sizes !== undefined && !(Array.isArray(icon.sizes) && icon.sizes.every((s) => typeof s === 'string'))) {
      throw fail('icon sizes must be strings such as "48x48" or "any"');
    }
  }
}

/**
 * A self-contained icon: `letters` in white on a rounded `background` square,
 * as an SVG `data:` URI, so clients show it without fetching anything from a
 * third party. For plugins without an icon of their own to point at.
 */
export function monogramIcon(letters: string, background: string): Icon {
  if (!/^[A-Za-z0-9]{1,3}$/.test(letters) || !/^#[0-9a-fA-F]{6}$/.test(background)) {
    throw new DefinitionError('MCPIST_ICON', 'monogramIcon: 1-3 letters or digits on a #rrggbb background');
  }
  const size = letters.length === 1 ? 28 : letters.length === 2 ? 22 : 16;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" rx="10" fill="${background}"/>` +
    `<text x="24" y="24" dy=".35em" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="${size}" fill="#fff">${letters}</text></svg>`;
  return Object.freeze({
    src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    mimeType: 'image/svg+xml',
    sizes: Object.freeze(['any']),
  });
}
