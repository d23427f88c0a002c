import { oauthCallback } from '../_shared/oauth-callback.js';

Deno.serve(oauthCallback(() => Deno.env.toObject()));
