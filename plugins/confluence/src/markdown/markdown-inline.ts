/**
 * Markdown inline syntax to storage-format XHTML: code spans, backslash
 * escapes, autolinks, images, links, bold, italic, strikethrough and hard
 * line breaks. Everything else is text, escaped for XML.
 */

/** Escapes text for XHTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Private-use characters mark finished fragments so later rules leave them alone. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');
const HAS_PLACEHOLDER = new RegExp(`${OPEN}\\d+${CLOSE}`);

class Fragments {
  private readonly parts: string[] = [];
  hold(xhtml: string): string {
    this.parts.push(xhtml);
    return `${OPEN}${this.parts.length - 1}${CLOSE}`;
  }
  restore(text: string): string {
    let result = text;
    // Fragments may hold other fragments (a link's label); restore until none remain.
    for (let round = 0; round < 10 && HAS_PLACEHOLDER.test(result); round++) {
      result = result.replace(PLACEHOLDER, (_, index: string) => this.parts[Number(index)] ?? '');
    }
    return result;
  }
}

/** Bold, italic and strikethrough on text that is already escaped. */
function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>')
    .replace(/\*(?=\S)([^*]*?\S)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
}

/** Converts one block's inline Markdown (lines joined with `\n`) to XHTML. */
export function inlineToStorage(markdown: string): string {
  const fragments = new Fragments();
  let text = markdown.replace(new RegExp(`[${OPEN}${CLOSE}]`, 'g'), '');

  // Hard breaks first: a trailing backslash would otherwise read as an escape.
  text = text.replace(/(?: {2,}|\\)\n/g, () => fragments.hold('<br/>'));
  text = text.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) =>
    fragments.hold(`<code>${escapeXml(code.replace(/^ (.*) $/s, '$1'))}</code>`),
  );
  text = text.replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, (_, char: string) => fragments.hold(escapeXml(char)));
  text = text.replace(/<((?:https?|mailto):[^\s<>]+)>/g, (_, url: string) =>
    fragments.hold(`<a href="${escapeXml(url)}">${escapeXml(url)}</a>`),
  );
  text = escapeXml(text);
  text = text.replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+&quot;[^)]*&quot;)?\)/g, (_, alt: string, url: string) =>
    fragments.hold(`<ac:image ac:alt="${alt}"><ri:url ri:value="${url}" /></ac:image>`),
  );
  text = text.replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+&quot;[^)]*&quot;)?\)/g, (_, label: string, url: string) =>
    fragments.hold(`<a href="${url}">${emphasis(label)}</a>`),
  );
  text = emphasis(text).replace(/\n/g, ' ');
  return fragments.restore(text);
}
