import { format } from 'node:util';

// Structured JSON logs, one object per line. Values are redacted by key and by shape so that no
// token, secret, password, UPN or e-mail address ever reaches a log line.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const SECRET_KEY = /token|secret|password|authorization|cookie|upn|e-?mail|displayname/i;
const EMAIL = /[^\s@"']+@[^\s@"']+\.[^\s@"']+/g;
const BEARER = /bearer\s+[a-z0-9._~+/=-]+/gi;
const JWT = /eyJ[a-z0-9_-]+\.[a-z0-9_-]+\.[a-z0-9_-]*/gi;
const BASIC = /basic\s+[a-z0-9+/=]{6,}/gi;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;
const URL_SECRET = /\b(client_secret|password|access_token|refresh_token|id_token|token|code|sig|secret)=[^&\s"']+/gi;
/** The local Direct Line's connector path carries the process's secret. */
const CONNECTOR_SECRET = /(directline-connector\/)[^/\s"']+/g;

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** A security-relevant record (refusals, switches) that is always written, whatever the level. */
  audit(event: string, fields?: Record<string, unknown>): void;
}

export function redactText(text: string): string {
  return text
    .replace(PEM, '[key]')
    .replace(BEARER, 'Bearer [redacted]')
    .replace(BASIC, 'Basic [redacted]')
    .replace(JWT, '[token]')
    .replace(URL_SECRET, '$1=[redacted]')
    .replace(CONNECTOR_SECRET, '$1[secret]')
    .replace(EMAIL, '[email]');
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

const CAPTURED = Symbol.for('plan-switch-bot.console-captured');

/**
 * Routes console output (botbuilder and its libraries write errors with console.error, some with the
 * token's context) through the logger, so it is JSON and redacted like every other line.
 */
export function captureConsole(logger: Logger): void {
  const target = console as unknown as Record<PropertyKey, unknown>;
  if (target[CAPTURED]) return;
  target[CAPTURED] = true;
  const to = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) =>
    logger[level]('console', { message: format(...args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a))).slice(0, 2000) });
  console.log = to('info');
  console.info = to('info');
  console.debug = to('debug');
  console.warn = to('warn');
  console.error = to('error');
  console.trace = to('debug');
}

/**
 * Node's own warnings (a dependency's deprecated call, say) as warn lines of the log, each once,
 * instead of Node's printing them on stderr, where the console capture logged them as errors.
 */
export function captureWarnings(logger: Logger, source: Pick<NodeJS.Process, 'on' | 'removeAllListeners'> = process): void {
  const seen = new Set<string>();
  source.removeAllListeners('warning');
  source.on('warning', (warning: Error & { code?: string }) => {
    const key = warning.code ?? `${warning.name}: ${warning.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    logger.warn('node.warning', { name: warning.name, code: warning.code, message: warning.message.slice(0, 500) });
  });
}
