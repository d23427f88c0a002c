import { format } from 'winston';

/** Keys whose values are secrets wherever they appear in a log entry. */
const SECRET_KEY =
  /(token|secret|password|passwd|authorization|cookie|api[-_]?key|credential|refresh|private[-_]?key)/i;
/** Values that look like secrets even under an innocent key. */
const SECRET_VALUE = [
  /\bmcpist_[A-Za-z0-9_-]{16,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi,
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  /\bsecret_[A-Za-z0-9]{20,}/g,
  /\bntn_[A-Za-z0-9]{20,}/g,
  /\bya29\.[A-Za-z0-9._-]+/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
];
/** Any of them, case aside: one scan finds the (usual) string that holds none, and skips the replacements. */
const MAY_HOLD_SECRET = new RegExp(SECRET_VALUE.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');
const KEEP = new Set(['token_id', 'tokenId', 'token_count']);
export const REDACTED = '[redacted]';

function redactString(value: string): string {
  if (!MAY_HOLD_SECRET.test(value)) return value;
  let out = value;
  for (const pattern of SECRET_VALUE) out = out.replace(pattern, REDACTED);
  return out;
}

/** Returns a copy of `value` with secret-looking keys and values replaced. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && !KEEP.has(key) && inner !== undefined ? REDACTED : redactValue(inner, depth + 1);
  }
  return out;
}

/**
 * A winston format that redacts every entry before any transport sees it, so
 * a secret passed to the logger by mistake never leaves the process.
 */
export const redactFormat = format((info) => {
  for (const key of Object.keys(info)) {
    const value = info[key];
    if (SECRET_KEY.test(key) && !KEEP.has(key) && value !== undefined) info[key] = REDACTED;
    else info[key] = redactValue(value);
  }
  return info;
});
