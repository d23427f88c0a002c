import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, CommanderError } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBatch } from '../batch/parse-batch.js';
import { createProgram } from '../cli/main.js';
import { configSchema } from '../config/config-schema.js';

/** This test's own copy of the CLI program: it replaces the actions, so nothing it parses runs. */
const program = createProgram();

/**
 * Every command and JSON block the user-facing docs show is checked against
 * the code: `mcpist …` lines parse with the CLI's own commander program (its
 * actions replaced, so nothing runs), and `mcpist.config.json` samples
 * validate against the config schema. A flag renamed in the code, or a key
 * misspelt in a doc, fails here instead of on a reader's machine.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const DOCS = [
  'README.md',
  'infra/README.md',
  ...['docs', 'docs/setup', 'docs/runbooks'].flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `${dir}/${file}`),
  ),
  ...readdirSync(join(REPO_ROOT, 'plugins')).map((dir) => `plugins/${dir}/README.md`),
].filter((path) => {
  try {
    readFileSync(join(REPO_ROOT, path));
    return true;
  } catch {
    return false;
  }
});

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

interface Snippet {
  /** `docs/cli.md:81`, for the failure message. */
  where: string;
  path: string;
  /** 1-based line of the snippet's first line. */
  line: number;
  text: string;
  /** Fenced block language; `inline` for a code span in prose. */
  lang: string;
}

function snippetsOf(path: string): Snippet[] {
  const lines = readFileSync(join(REPO_ROOT, path), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  let fence: { lang: string; start: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    const opening = /^\s*```(\w*)/.exec(line);
    if (opening && !fence) {
      fence = { lang: opening[1] ?? '', start: index + 2, body: [] };
    } else if (opening && fence) {
      snippets.push({
        where: `${path}:${fence.start}`,
        path,
        line: fence.start,
        text: fence.body.join('\n'),
        lang: fence.lang,
      });
      fence = undefined;
    } else if (fence) {
      fence.body.push(line);
    } else {
      for (const span of line.matchAll(/`([^`]+)`/g)) {
        snippets.push({ where: `${path}:${index + 1}`, path, line: index + 1, text: span[1] ?? '', lang: 'inline' });
      }
    }
  });
  return snippets;
}

/** Splits one shell command into words, honouring quotes and backslashes (enough for docs). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === '\\' && i + 1 < command.length) {
      word = (word ?? '') + command[++i];
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The simple commands of a shell snippet with their line offsets: continuations joined, comments dropped, split at | && || ; */
function shellCommands(script: string): { offset: number; command: string }[] {
  const commands: { offset: number; command: string }[] = [];
  let pending = '';
  let start = 0;
  script.split('\n').forEach((line, offset) => {
    if (pending === '') start = offset;
    pending += line.replace(/(^|\s)#.*$/, '');
    if (pending.endsWith('\\')) {
      pending = `${pending.slice(0, -1)} `;
      return;
    }
    for (const command of pending.split(/\s*(?:\|\||&&|\||;)\s*/)) {
      if (command.trim()) commands.push({ offset: start, command: command.trim() });
    }
    pending = '';
  });
  return commands;
}

/** The arguments after `mcpist` / `npm run -s mcpist --` / `node …/cli/main.js`, or undefined for other commands. */
function mcpistArgs(command: string): string[] | undefined {
  const words = shellWords(command);
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) words.shift();
  let rest: string[] | undefined;
  const main = words.findIndex((word) => word.endsWith('core/dist/cli/main.js'));
  if (main >= 0) rest = words.slice(main + 1);
  else if (words[0] === 'mcpist' || (words[0] === 'npx' && words[1] === 'mcpist'))
    rest = words.slice(words.indexOf('mcpist') + 1);
  else if (words[0] === 'npm' && words[1] === 'run') {
    const script = words.slice(2).filter((word) => word !== '-s' && word !== '--silent');
    if (script[0] !== 'mcpist') return undefined;
    rest = script.slice(1);
    if (rest[0] === '--') rest = rest.slice(1);
  }
  // A synopsis (`mcpist <command> [options]`, `npm run mcpist -- …`) shows the shape, not a command.
  if (!rest || rest.includes('<command>') || rest[0] === '…') return undefined;
  // Redirections are the shell's, not the command's.
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (/^\d*(>>?|<)$/.test(word)) i++;
    else if (!/^\d*>>?\S/.test(word)) args.push(word);
  }
  return args;
}

/** Commander errors an inline mention may show: a command named without its required parts. */
const REFERENCE_ONLY = new Set([
  'commander.missingMandatoryOptionValue',
  'commander.missingArgument',
  'commander.help',
]);
const HELP_OR_VERSION = new Set(['commander.helpDisplayed', 'commander.version']);

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

let invoked: string | undefined;

/** Parses argv with the real program; undefined when it would run a command, else why not. */
async function parseProblem(args: string[], reference: boolean): Promise<string | undefined> {
  invoked = undefined;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (HELP_OR_VERSION.has(error.code)) return undefined;
    if (reference && REFERENCE_ONLY.has(error.code)) return undefined;
    return `${error.code}: ${error.message}`;
  }
  return invoked ? undefined : 'no command would run';
}

beforeAll(() => {
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
    if (command.commands.length === 0) {
      command.action(() => {
        invoked = command.name();
      });
    }
  }
});

const snippets = DOCS.flatMap(snippetsOf);

describe('commands in the docs', () => {
  const commandNames = new Set(program.commands.map((command) => command.name()));
  const shown = snippets.flatMap((snippet) => {
    if (snippet.lang !== 'inline' && !SHELL.has(snippet.lang)) return [];
    return shellCommands(snippet.text).flatMap(({ offset, command }) => {
      const args = mcpistArgs(command);
      if (!args) return [];
      // In prose, `mcpist listening` is a log line: a span counts as a command when it names one or a flag.
      const first = args[0] ?? '';
      if (snippet.lang === 'inline' && !commandNames.has(first) && !first.startsWith('-')) return [];
      return [{ ...snippet, where: `${snippet.path}:${snippet.line + offset}`, command, args }];
    });
  });

  it('finds the commands to check', () => {
    expect(shown.filter((s) => s.lang !== 'inline').length).toBeGreaterThan(20);
  });

  it('parse with the CLI parser, flags and arguments included', async () => {
    const problems: string[] = [];
    for (const { where, command, args, lang } of shown) {
      const problem = await parseProblem(args, lang === 'inline');
      if (problem) problems.push(`${where}: ${command}\n    ${problem}`);
    }
    if (process.env.MCPIST_DOCS_LIST) console.log(shown.map((s) => `${s.where} ${s.args.join(' ')}`).join('\n'));
    expect(problems).toEqual([]);
  });

  it.each([
    ['an unknown flag', ['serve', '--bogus']],
    ['an unknown command', ['frobnicate']],
    ['a missing required option', ['role', 'create', 'docs']],
    ['a bad choice', ['serve', '--tool-mode', 'all']],
    ['a group without its subcommand', ['role']],
  ])('refuse %s', async (_case, args) => {
    expect(await parseProblem(args, false)).toBeDefined();
  });
});

/** Top-level keys of mcpist.config.json. */
const CONFIG_KEYS = new Set(Object.keys(configSchema.shape));

function parseJson(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    // JSON Lines: one value per non-empty line.
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as unknown);
  }
}

describe('JSON in the docs', () => {
  const blocks = snippets.filter((snippet) => snippet.lang === 'json' || snippet.lang === 'jsonl');

  it.each(blocks.map((block) => [block.where, block] as const))(
    '%s parses, and a config validates',
    async (_where, block) => {
      for (const value of parseJson(block.text)) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
        const keys = Object.keys(value);
        if (keys.some((key) => CONFIG_KEYS.has(key))) {
          const { $schema: _ignored, ...config } = value as Record<string, unknown>;
          const parsed = configSchema.safeParse(config);
          expect(parsed.error?.issues ?? [], `${block.where}: mcpist.config.json sample`).toEqual([]);
        }
        const servers = (value as { mcpServers?: Record<string, { args?: string[] }> }).mcpServers;
        for (const server of Object.values(servers ?? {})) {
          // An MCP client config that starts MCPist: its arguments must parse too.
          const main = server.args?.findIndex((arg) => arg.endsWith('core/dist/cli/main.js')) ?? -1;
          if (main >= 0) expect(await parseProblem(server.args?.slice(main + 1) ?? [], false)).toBeUndefined();
        }
      }
    },
  );

  it('shows batch commands the batch parser accepts', () => {
    const batches = blocks.filter((block) => block.lang === 'jsonl' && block.text.includes('"tool"'));
    expect(batches.length).toBeGreaterThan(0);
    for (const block of batches) expect(() => parseBatch(block.text), block.where).not.toThrow();
  });

  it('refuses a config sample with a misspelt key', () => {
    expect(configSchema.safeParse({ port: 8088, runner: { timeout: 5 } }).success).toBe(false);
  });
});
