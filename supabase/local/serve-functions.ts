/**
 * Serves the Edge Functions as Supabase's gateway routes them
 * (`POST /functions/v1/<name>`), in one Deno process on 127.0.0.1: for the
 * tests and a local try-out without the Supabase CLI (supabase/README.md).
 * Reads the functions' secrets from the environment; prints
 * `listening on <port>` once it accepts requests. Port 0 (the default) picks a free one.
 *
 *   deno run --no-remote --node-modules-dir=manual --sloppy-imports --allow-net --allow-env \
 *     --allow-read supabase/local/serve-functions.ts [port]
 */
import type { FunctionEnv } from '../functions/_shared/context.js';
import { oauthCallback } from '../functions/_shared/oauth-callback.js';
import { tokenExchanger } from '../functions/_shared/token-exchanger.js';
import { toolSieve } from '../functions/_shared/tool-sieve.js';

const env = (): FunctionEnv => Deno.env.toObject();
const functions: Record<string, (request: Request) => Promise<Response>> = {
  'token-exchanger': tokenExchanger(env),
  'tool-sieve': toolSieve(env),
  'oauth-callback': oauthCallback(env),
};

const port = Number(Deno.args[0] ?? 0);
Deno.serve(
  { port, hostname: '127.0.0.1', onListen: (address) => console.log(`listening on ${address.port}`) },
  (request) => {
    const name = /^\/functions\/v1\/([a-z-]+)(?:\/|$)/.exec(new URL(request.url).pathname)?.[1];
    const handler = name ? functions[name] : undefined;
    return handler ? handler(request) : new Response('no such function', { status: 404 });
  },
);
