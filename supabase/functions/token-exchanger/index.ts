import { tokenExchanger } from '../_shared/token-exchanger.js';

Deno.serve(tokenExchanger(() => Deno.env.toObject()));
