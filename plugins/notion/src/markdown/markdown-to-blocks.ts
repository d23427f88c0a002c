import type { BlockObjectRequest } from '@notionhq/client';
import { MAX_TEXT_CONTENT, markdownToRichText, type RichTextRequest } from './rich-text.js';

/**
 * Markdown-ish text → Notion blocks, for create_page and append_blocks. One
 * block per line for headings (`#`, `##`, `###`), bulleted (`-`, `*`, `+`)
 * and numbered (`1.`) list items, to-dos (`- [ ]`, `- [x]`) and dividers
 * (`---`); consecutive `>` lines make one quote, consecutive plain lines one
 * paragraph, a fenced block one code block. Nesting is flattened: Notion
 * takes nested children only two levels deep per request, and a flat list is
 * what an LLM's Markdown almost always means.
 */

type CodeLanguage = Extract<BlockObjectRequest, { code: unknown }>['code']['language'];

/** Fence names mapped to Notion's language names; the rest become "plain text". */
const LANGUAGES: Readonly<Record<string, CodeLanguage>> = {
  bash: 'bash',
  sh: 'shell',
  shell: 'shell',
  c: 'c',
  cpp: 'c++',
  'c++': 'c++',
  cs: 'c#',
  csharp: 'c#',
  css: 'css',
  diff: 'diff',
  dockerfile: 'docker',
  go: 'go',
  graphql: 'graphql',
  html: 'html',
  java: 'java',
  js: 'javascript',
  javascript: 'javascript',
  json: 'json',
  kotlin: 'kotlin',
  markdown: 'markdown',
  md: 'markdown',
  mermaid: 'mermaid',
  php: 'php',
  python: 'python',
  py: 'python',
  ruby: 'ruby',
  rust: 'rust',
  sql: 'sql',
  swift: 'swift',
  ts: 'typescript',
  typescript: 'typescript',
  yaml: 'yaml',
  yml: 'yaml',
};

const FENCE = /^\s*```\s*([\w#+-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const DIVIDER = /^\s*([-*_])(?:\s*\1){2,}\s*$/;
const TO_DO = /^\s*[-*+]\s+\[([ xX])\]\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;

function codeBlock(language: string, lines: string[]): BlockObjectRequest {
  const content = lines.join('\n');
  const rich_text: RichTextRequest[] = [];
  for (let i = 0; i < content.length; i += MAX_TEXT_CONTENT) {
    rich_text.push({ type: 'text', text: { content: content.slice(i, i + MAX_TEXT_CONTENT) } });
  }
  return {
    object: 'block',
    type: 'code',
    code: { rich_text, language: LANGUAGES[language.toLowerCase()] ?? 'plain text' },
  };
}

function headingBlock(level: number, text: string): BlockObjectRequest {
  const rich_text = markdownToRichText(text.replace(/\s+#+\s*$/, ''));
  if (level === 1) return { object: 'block', type: 'heading_1', heading_1: { rich_text } };
  if (level === 2) return { object: 'block', type: 'heading_2', heading_2: { rich_text } };
  return { object: 'block', type: 'heading_3', heading_3: { rich_text } };
}

/** Converts Markdown-ish text to Notion block requests, in order. */
export function markdownToBlocks(markdown: string): BlockObjectRequest[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: BlockObjectRequest[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];

  const flush = () => {
    if (paragraph.length > 0) {
      blocks.push({
        object: 'block',
        type: 'paragraph',
        paragraph: { rich_text: markdownToRichText(paragraph.join('\n')) },
      });
    }
    if (quote.length > 0) {
      blocks.push({ object: 'block', type: 'quote', quote: { rich_text: markdownToRichText(quote.join('\n')) } });
    }
    paragraph = [];
    quote = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i += 1; i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? ''); i++) code.push(lines[i] ?? '');
      blocks.push(codeBlock(fence[1] ?? '', code));
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const quoted = QUOTE.exec(line);
    if (quoted) {
      if (paragraph.length > 0) flush();
      quote.push(quoted[1] ?? '');
      continue;
    }
    if (quote.length > 0) flush();

    const heading = HEADING.exec(line);
    const toDo = TO_DO.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      flush();
      blocks.push(headingBlock(heading[1]?.length ?? 1, heading[2] ?? ''));
    } else if (DIVIDER.test(line)) {
      flush();
      blocks.push({ object: 'block', type: 'divider', divider: {} });
    } else if (toDo) {
      flush();
      blocks.push({
        object: 'block',
        type: 'to_do',
        to_do: { rich_text: markdownToRichText(toDo[2] ?? ''), checked: toDo[1] !== ' ' },
      });
    } else if (bullet) {
      flush();
      blocks.push({
        object: 'block',
        type: 'bulleted_list_item',
        bulleted_list_item: { rich_text: markdownToRichText(bullet[1] ?? '') },
      });
    } else if (numbered) {
      flush();
      blocks.push({
        object: 'block',
        type: 'numbered_list_item',
        numbered_list_item: { rich_text: markdownToRichText(numbered[1] ?? '') },
      });
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}
