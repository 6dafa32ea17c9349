// What must never be in a log: tokens, secrets, passwords, UPNs, e-mail addresses. The HTTP tests
// collect everything their bot processes wrote (stdout and stderr) and check it with this.

const PATTERNS: [string, RegExp][] = [
  ['a JWT', /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\./],
  ['a bearer token', /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i],
  ['basic credentials', /Basic\s+(?!\[redacted\])[A-Za-z0-9+/=]{8,}/i],
  ['an e-mail address or UPN', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/],
  ['a private or public key', /-----BEGIN [A-Z ]*KEY-----/],
  ['a stack frame', /\n\s+at .+:\d+:\d+\)?/],
];

/** Each kind of secret found in `text`, with the first match; empty when the text is clean. */
export function secretsIn(text: string, literals: string[] = []): string[] {
  const found: string[] = [];
  for (const [what, pattern] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) found.push(`${what}: ${match[0].slice(0, 80)}`);
  }
  for (const literal of literals) if (literal && text.includes(literal)) found.push(`the literal secret ${literal.slice(0, 3)}…`);
  return found;
}
