import { format } from 'winston';

/** Where winston keeps the rendered line (triple-beam's `MESSAGE`, a registered symbol). */
const MESSAGE = Symbol.for('message');

/** As logform's json(): a bigint is written as its digits. */
const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** logform's own, for what JSON.stringify refuses. */
const safeJson = format.json();

/**
 * The logger's JSON line. logform's json() builds a new serializer for every
 * line (safe-stable-stringify's `configure`) and, given a replacer, walks the
 * entry on its slow path, sorting keys: a few percent of a tool call's CPU.
 * Keys keep the seed's order instead: `timestamp`, `level`, `message`, then
 * the entry's fields as given.
 * Entries come here redacted, as plain data, so JSON.stringify takes them;
 * one it cannot (a cycle deeper than redaction copies) goes to logform's.
 */
export const jsonLine = format((info) => {
  try {
    // The seed's order: when, how bad, what; then the fields as the caller gave them.
    const { timestamp, level, message, ...fields } = info;
    (info as Record<symbol, unknown>)[MESSAGE] = JSON.stringify({ timestamp, level, message, ...fields }, replacer);
    return info;
  } catch {
    return safeJson.transform(info, safeJson.options);
  }
});
