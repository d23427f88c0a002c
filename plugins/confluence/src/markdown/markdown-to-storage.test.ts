import { describe, expect, it } from 'vitest';
import { markdownToStorage } from './markdown-to-storage.js';
import { storageToMarkdown } from './storage-to-markdown.js';

describe('markdownToStorage', () => {
  it.each([
    ['a heading and a paragraph', '# Title\n\nSome *text*.', '<h1>Title</h1><p>Some <em>text</em>.</p>'],
    ['soft and hard line breaks', 'one\ntwo  \nthree\\\nfour', '<p>one two<br/>three<br/>four</p>'],
    [
      'emphasis without touching snake_case or lone stars',
      '**bold** __strong__ _it_ ~~old~~ snake_case_name 2 * 3 * 4',
      '<p><strong>bold</strong> <strong>strong</strong> <em>it</em> <del>old</del> snake_case_name 2 * 3 * 4</p>',
    ],
    [
      'markup and entities escaped, code spans verbatim',
      'a <b>x</b> & `<i> & **not bold**` \\*lit\\*',
      '<p>a &lt;b&gt;x&lt;/b&gt; &amp; <code>&lt;i&gt; &amp; **not bold**</code> *lit*</p>',
    ],
    [
      'links and images, URLs untouched by emphasis',
      '[the *docs*](https://x.com/a_b_c?x=1&y=2) ![logo](https://x.com/l.png) <https://y.com>',
      '<p><a href="https://x.com/a_b_c?x=1&amp;y=2">the <em>docs</em></a> <ac:image ac:alt="logo"><ri:url ri:value="https://x.com/l.png" /></ac:image> <a href="https://y.com">https://y.com</a></p>',
    ],
    [
      'nested and mixed lists',
      '- one\n  - one.a\n- two\n\n1. first\n2. second',
      '<ul><li>one<ul><li>one.a</li></ul></li><li>two</li></ul><ol><li>first</li><li>second</li></ol>',
    ],
    [
      'a fenced code block as the code macro, with ]]> split',
      '```js\nif (a < b) x = "]]>";\n```',
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body><![CDATA[if (a < b) x = "]]]]><![CDATA[>";]]></ac:plain-text-body></ac:structured-macro>',
    ],
    ['a quote and a rule', '> quoted\n> more\n\n---', '<blockquote><p>quoted more</p></blockquote><hr />'],
    [
      'a table',
      '| A | B |\n|---|:-:|\n| 1 | a \\| b |\n| 2 |',
      '<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>a | b</td></tr><tr><td>2</td><td></td></tr></tbody></table>',
    ],
    ['nothing', '', ''],
  ])('converts %s', (_name, markdown, storage) => {
    expect(markdownToStorage(markdown)).toBe(storage);
  });

  it('round-trips Markdown through storage format', () => {
    const markdown = [
      '## Release 1.2',
      'Shipped **on time**, see [notes](https://x.com/notes).',
      '- API\n  - new `search`\n- UI',
      '```sh\nnpm test\n```',
      '> **Note:**',
      '| Area | Owner |\n| --- | --- |\n| API | Ada |',
    ].join('\n\n');
    expect(storageToMarkdown(markdownToStorage(markdown))).toBe(markdown);
  });
});
