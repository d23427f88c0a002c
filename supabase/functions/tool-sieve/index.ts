import { toolSieve } from '../_shared/tool-sieve.js';

Deno.serve(toolSieve(() => Deno.env.toObject()));
