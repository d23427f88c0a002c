import type { Principal } from '../auth/principal.js';
import type { ToolSieve } from './tool-sieve.js';
import type { ToolView } from './tool-view.js';

/**
 * Narrows the sieve's view to what an OAuth grant allows (ADR 0041): a
 * read-only grant sees and runs only the user's tools marked `readOnly`;
 * the others answer like unknown tools. Other principals see their whole view.
 */
export class ScopedToolSieve implements ToolSieve {
  private readonly readOnlyViews = new WeakMap<ToolView, ToolView>();

  constructor(private readonly inner: ToolSieve) {}

  async viewFor(principal: Principal): Promise<ToolView> {
    const view = await this.inner.viewFor(principal);
    if (principal.scope !== 'read') return view;
    let narrowed = this.readOnlyViews.get(view);
    if (!narrowed) {
      narrowed = view.restrictedTo((tool) => tool.definition.readOnly);
      this.readOnlyViews.set(view, narrowed);
    }
    return narrowed;
  }

  reportDenied(principal: Principal, module: string, tool: string | undefined, reason: string): void {
    this.inner.reportDenied(principal, module, tool, reason);
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }
}
