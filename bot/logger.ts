// Structured JSON logs, one object per line. Values are redacted by key and by shape so that no
// token, secret, password, UPN or e-mail address ever reaches a log line.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const SECRET_KEY = /token|secret|password|authorization|cookie|upn|e-?mail|displayname/i;
const EMAIL = /[^\s@"']+@[^\s@"']+\.[^\s@"']+/g;
const BEARER = /bearer\s+[a-z0-9._~+/=-]+/gi;
const JWT = /eyJ[a-z0-9_-]+\.[a-z0-9_-]+\.[a-z0-9_-]*/gi;

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** A security-relevant record (refusals, switches) that is always written, whatever the level. */
  audit(event: string, fields?: Record<string, unknown>): void;
}

export function redactText(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[token]').replace(EMAIL, '[email]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { error: value.name, message: redactText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (lvl: string, event: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, event, ...(fields ? (redact(fields) as object) : {}) }));
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (event: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] >= ORDER[level]) emit(lvl, event, fields);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), audit: (event, fields) => emit('audit', event, fields) };
}
