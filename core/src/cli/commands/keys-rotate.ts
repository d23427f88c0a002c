import { setTimeout as sleep } from 'node:timers/promises';
import { Tokens } from '../../container/tokens.js';
import { KeyRing } from '../../secrets/key-ring.js';
import { countStaleSecrets, reencryptSecrets } from '../../secrets/reencrypt-secrets.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

/** Long enough for running servers, which look at the key file at most once a second, to seal with the new key. */
const SETTLE_MS = 2500;

/**
 * `mcpist keys rotate`: adds a new key to the key file, makes it active, and
 * re-encrypts every stored secret under it. Servers sharing the database and
 * key file keep serving: they read the new key from the file on their own.
 */
export async function keysRotate(global: GlobalOptions, options: { settleMs?: string }): Promise<void> {
  const settleMs = options.settleMs === undefined ? SETTLE_MS : Number(options.settleMs);
  if (!Number.isInteger(settleMs) || settleMs < 0) throw new Error('--settle-ms must be a whole number of ms');
  const deps = { keyFile: Tokens.KeyFile, ring: Tokens.KeyRing, secrets: Tokens.SealedSecretsRepository };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async (services) => {
    const { keyFile, ring, secrets } = services;
    if (!keyFile) throw new Error('this store keeps its key in memory only; there is no key file to rotate');
    const keyId = KeyRing.addKeyToFile(keyFile);
    cliIo().stderr.write(`added key ${keyId} to ${keyFile}; it is now the active key\n`);
    await sleep(settleMs);
    if (ring.activeKeyId !== keyId) throw new Error(`the key file changed again during rotation; run it again`);
    let counts = await reencryptSecrets(secrets, ring);
    // A server that had not yet seen the new key may have sealed a row under the old one meanwhile: sweep again.
    for (let round = 0; round < 5 && (await countStaleSecrets(secrets, keyId)) > 0; round++) {
      await sleep(1000);
      const more = await reencryptSecrets(secrets, ring);
      counts = Object.fromEntries(Object.entries(counts).map(([table, n]) => [table, n + (more[table] ?? 0)]));
    }
    const stale = await countStaleSecrets(secrets, keyId);
    const summary = Object.entries(counts)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ');
    cliIo().stdout.write(`re-encrypted under ${keyId}: ${summary}\n`);
    if (stale > 0) throw new Error(`${stale} rows are still under an old key; run mcpist keys rotate again`);
    cliIo().stderr.write(
      `old keys stay in ${keyFile} so backups remain readable; back the file up now (docs/operations.md)\n`,
    );
  });
}
