/**
 * A small, forgiving parser for Confluence storage format (XHTML with `ac:`
 * and `ri:` elements) into a plain tree. No HTML parser is a dependency of
 * this plugin, and storage format is well-formed XML in practice, so a
 * careful tokenizer is enough: it handles comments, CDATA (code macro
 * bodies), processing instructions, quoted attributes containing `>`, void
 * elements, entities, and recovers from stray or missing end tags instead of
 * failing.
 */

export interface XElement {
  type: 'element';
  /** Lower-cased, prefix kept: `p`, `ac:structured-macro`. */
  name: string;
  /** Lower-cased names, entity-decoded values. */
  attrs: Record<string, string>;
  children: XNode[];
}

export interface XText {
  type: 'text';
  text: string;
  /** From CDATA: whitespace is significant and nothing was decoded. */
  cdata: boolean;
}

export type XNode = XElement | XText;

const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'col', 'area', 'base', 'input', 'link', 'meta', 'source', 'wbr']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  divide: '÷',
  deg: '°',
  euro: '€',
  pound: '£',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
};

/** Decodes named and numeric character references; unknown ones are kept as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name) attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/** Index of the `>` closing a tag that starts at `from`, skipping quoted attribute values; -1 if none. */
function tagEnd(source: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    }
  }
  return -1;
}

const NAME_START = /[A-Za-z]/;

/** Parses storage-format XHTML into a forest of nodes. Never throws. */
export function parseXhtml(source: string): XNode[] {
  const root: XElement = { type: 'element', name: '#root', attrs: {}, children: [] };
  const stack: XElement[] = [root];
  const current = () => stack[stack.length - 1] ?? root;
  const addText = (text: string, cdata: boolean) => {
    if (text !== '') current().children.push({ type: 'text', text: cdata ? text : decodeEntities(text), cdata });
  };

  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      addText(source.slice(i), false);
      break;
    }
    if (lt > i) addText(source.slice(i, lt), false);
    i = lt;

    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      i = end < 0 ? source.length : end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9);
      addText(source.slice(i + 9, end < 0 ? source.length : end), true);
      i = end < 0 ? source.length : end + 3;
    } else if (source[i + 1] === '!' || source[i + 1] === '?') {
      const end = source.indexOf('>', i);
      i = end < 0 ? source.length : end + 1;
    } else if (source[i + 1] === '/' && NAME_START.test(source[i + 2] ?? '')) {
      const end = source.indexOf('>', i);
      const name = source
        .slice(i + 2, end < 0 ? source.length : end)
        .trim()
        .toLowerCase();
      // Close the nearest open element of that name; a stray end tag is ignored.
      const depth = stack.map((element) => element.name).lastIndexOf(name);
      if (depth > 0) stack.length = depth;
      i = end < 0 ? source.length : end + 1;
    } else if (NAME_START.test(source[i + 1] ?? '')) {
      const end = tagEnd(source, i + 1);
      if (end < 0) {
        addText(source.slice(i), false);
        break;
      }
      const inner = source.slice(i + 1, end);
      const selfClosing = inner.endsWith('/');
      const nameMatch = /^[^\s/>]+/.exec(inner);
      const name = (nameMatch?.[0] ?? '').toLowerCase();
      const element: XElement = {
        type: 'element',
        name,
        attrs: parseAttributes(inner.slice(name.length, selfClosing ? -1 : undefined)),
        children: [],
      };
      current().children.push(element);
      if (!selfClosing && !VOID_ELEMENTS.has(name)) stack.push(element);
      i = end + 1;
    } else {
      addText('<', false);
      i += 1;
    }
  }
  return root.children;
}

/** Text content of a node, CDATA included, without any markup. */
export function textContent(node: XNode): string {
  if (node.type === 'text') return node.text;
  return node.children.map(textContent).join('');
}

/** Child elements of `element`, optionally only those named `name`. */
export function childElements(element: XElement, name?: string): XElement[] {
  return element.children.filter(
    (child): child is XElement => child.type === 'element' && (name === undefined || child.name === name),
  );
}

/** The value of a macro's `<ac:parameter ac:name="…">`, if set. */
export function macroParameter(macro: XElement, name: string): string | undefined {
  const parameter = childElements(macro, 'ac:parameter').find((candidate) => candidate.attrs['ac:name'] === name);
  return parameter === undefined ? undefined : textContent(parameter).trim();
}
