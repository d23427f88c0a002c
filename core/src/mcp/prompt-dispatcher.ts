import { type GetPromptResult, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { CatalogPrompt, ModuleCatalog } from '../plugins/module-catalog.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { Completion, Completions } from './completions.js';
import { type ListPage, pageOf } from './list-page.js';
import type { DispatchContext } from './tool-dispatcher.js';

/**
 * Answers `prompts/list`, `prompts/get` and prompt completions (run by the
 * plugin's completer through the runner, see `Completions`). A prompt is
 * visible when its module is: a principal whose roles enable no tool of a
 * module sees none of its prompts, and asking for one is answered exactly
 * like asking for a prompt that does not exist.
 */
export class PromptDispatcher {
  constructor(
    private readonly catalog: ModuleCatalog,
    private readonly sieve: ToolSieve,
    private readonly settings: { listPageSize: number },
    private readonly completions: Completions,
  ) {}

  /** Whether any module declares a prompt (the `prompts` capability). */
  get any(): boolean {
    return this.catalog.prompts.size > 0;
  }

  async list(context: DispatchContext, cursor: string | undefined): Promise<ListPage<CatalogPrompt['listing']>> {
    const visible = await this.visible(context);
    return pageOf(
      visible.map((prompt) => prompt.listing),
      cursor,
      this.settings.listPageSize,
    );
  }

  async get(
    context: DispatchContext,
    name: string,
    args: Record<string, string> | undefined,
  ): Promise<GetPromptResult> {
    const prompt = await this.find(context, name);
    const parsed = prompt.definition.arguments.safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || '(arguments)';
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${name}: argument "${field}": ${issue?.message}`);
    }
    const messages = prompt.definition.render(parsed.data);
    return {
      description: prompt.listing.description,
      // A message is text or one content block (image, audio, embedded resource, resource link).
      messages: messages.map((message) => ({
        role: message.role,
        content: ('text' in message
          ? { type: 'text', text: message.text }
          : message.content) as GetPromptResult['messages'][number]['content'],
      })),
    };
  }

  async complete(
    context: DispatchContext,
    name: string,
    argument: { name: string; value: string },
    others: Record<string, string> | undefined,
  ): Promise<Completion> {
    const prompt = await this.find(context, name);
    const completer = prompt.definition.complete[argument.name];
    return this.completions.complete(context, prompt.module, prompt.definition.name, completer, argument, others);
  }

  private async visible(context: DispatchContext): Promise<CatalogPrompt[]> {
    const view = await this.sieve.viewFor(context.principal);
    const modules = new Set(view.moduleNames);
    return [...this.catalog.prompts.values()].filter((prompt) => modules.has(prompt.module.name));
  }

  private async find(context: DispatchContext, name: string): Promise<CatalogPrompt> {
    const prompt = (await this.visible(context)).find((candidate) => candidate.qualifiedName === name);
    if (!prompt) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown prompt "${name}"`);
    return prompt;
  }
}
