import { describe, expect, it } from 'vitest';
import { storageToMarkdown } from './storage-to-markdown.js';

describe('storageToMarkdown', () => {
  it.each([
    ['headings', '<h1>Title</h1><h3>Sub <em>part</em></h3>', '# Title\n\n### Sub *part*'],
    ['paragraphs with collapsed whitespace', '<p>One\n   two</p><p>Three</p>', 'One two\n\nThree'],
    [
      'emphasis, keeping spaces outside markers',
      '<p>a<strong> bold </strong>b <em>it</em> <s>gone</s></p>',
      'a **bold** b *it* ~~gone~~',
    ],
    ['inline code with backticks inside', '<p><code>a`b</code> and <code>x</code></p>', '`` a`b `` and `x`'],
    [
      'links, decoding entities in href',
      '<p><a href="https://x.com/?a=1&amp;b=2">docs</a></p>',
      '[docs](https://x.com/?a=1&b=2)',
    ],
    ['a bare link', '<p><a href="https://x.com">https://x.com</a></p>', '<https://x.com>'],
    ['line breaks', '<p>one<br/>two</p>', 'one\ntwo'],
    [
      'entities',
      '<p>&lt;tag&gt; &amp; &quot;q&quot; &#8212; &#x2713; &nbsp;end &unknown;</p>',
      '<tag> & "q" — ✓ end &unknown;',
    ],
    ['a rule', '<p>a</p><hr/><p>b</p>', 'a\n\n---\n\nb'],
    [
      'nested lists with paragraphs in items',
      '<ul><li><p>One</p><ol><li>Sub a</li><li>Sub b</li></ol></li><li><p>Two</p></li></ul>',
      '- One\n  1. Sub a\n  2. Sub b\n- Two',
    ],
    ['an ordered list with a start', '<ol start="4"><li>four</li><li>five</li></ol>', '4. four\n5. five'],
    [
      'a code macro with language and CDATA',
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts</ac:parameter><ac:plain-text-body><![CDATA[if (a < b && c) {\n  go();\n}]]></ac:plain-text-body></ac:structured-macro>',
      '```ts\nif (a < b && c) {\n  go();\n}\n```',
    ],
    ['code containing a fence', '<pre>```\nx\n```</pre>', '````\n```\nx\n```\n````'],
    [
      'a callout macro as a quote',
      '<ac:structured-macro ac:name="warning"><ac:parameter ac:name="title">Careful</ac:parameter><ac:rich-text-body><p>Hot</p></ac:rich-text-body></ac:structured-macro>',
      '> **Careful:**\n>\n> Hot',
    ],
    [
      'a table with a header row, pipes escaped',
      '<table><tbody><tr><th><p>A</p></th><th>B</th></tr><tr><td><p>1|2</p></td><td><ul><li>x</li><li>y</li></ul></td></tr><tr><td>only</td></tr></tbody></table>',
      '| A | B |\n| --- | --- |\n| 1\\|2 | - x - y |\n| only | |',
    ],
    [
      'Confluence links, images, status and task lists',
      '<p><ac:link><ri:page ri:content-title="Runbook"/></ac:link>, <ac:link><ri:url ri:value="https://x.com"/><ac:plain-text-link-body><![CDATA[site]]></ac:plain-text-link-body></ac:link> <ac:structured-macro ac:name="status"><ac:parameter ac:name="title">Done</ac:parameter></ac:structured-macro></p><ac:image ac:alt="chart"><ri:attachment ri:filename="q1 chart.png"/></ac:image><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Ship</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Test</ac:task-body></ac:task></ac:task-list>',
      'Runbook, [site](https://x.com) [DONE]\n\n![chart](q1%20chart.png)\n\n- [x] Ship\n- [ ] Test',
    ],
    [
      'layouts flattened, bodiless macros and comments dropped',
      '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>Left</p></ac:layout-cell><ac:layout-cell><ac:structured-macro ac:name="toc"/><!-- note --><p>Right</p></ac:layout-cell></ac:layout-section></ac:layout>',
      'Left\n\nRight',
    ],
    [
      'malformed markup without failing',
      '<p>open <strong>bold</p><p>next</em> 3 < 4</p></div>',
      'open **bold**\n\nnext 3 < 4',
    ],
    ['an empty body', '', ''],
  ])('renders %s', (_name, storage, markdown) => {
    expect(storageToMarkdown(storage)).toBe(markdown);
  });
});
