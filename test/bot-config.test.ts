import { describe, expect, it } from 'vitest';
import { parseConfig } from '../bot/config';
import { createLogger, redact } from '../bot/logger';

describe('configuration', () => {
  it('runs on embedded defaults with nothing set: local development, SQLite in .data, port 3978', () => {
    const parsed = parseConfig({});
    expect(parsed).toMatchObject({ ok: true, config: { port: 3978, storage: 'sqlite', dataDir: '.data', environment: 'development' } });
    expect(parsed.ok && parsed.config.auth).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORAGE: 'redis' }, 'STORAGE'],
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppType: 'Whatever' }, 'MicrosoftAppType'],
    [{ DIRECTLINE_ENABLED: 'yes' }, 'DIRECTLINE_ENABLED'],
    [{ TENANT_SOURCE: 'graph', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }, 'MicrosoftAppId'],
    [{ HOST: '0.0.0.0' }, 'HOST'],
    [{ HOST: '::' }, 'HOST'],
    [{ HOST: '192.168.1.20' }, 'HOST'],
  ])('stops on a bad value with one line naming the variable: %j', (env, variable) => {
    const parsed = parseConfig(env);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(variable);
    expect(!parsed.ok && parsed.message.split('\n')).toHaveLength(1);
  });

  it('serves the local Direct Line and web chat page without an app id, and with one only when DIRECTLINE_ENABLED=true', () => {
    const production = { MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' };
    const directLine = (env: Record<string, string>) => {
      const parsed = parseConfig(env);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.config.directLine;
    };
    expect(directLine({})).toBe(true);
    expect(directLine({ DIRECTLINE_ENABLED: 'false' })).toBe(false);
    expect(directLine(production)).toBe(false);
    expect(directLine({ ...production, DIRECTLINE_ENABLED: 'false' })).toBe(false);
    expect(directLine({ ...production, DIRECTLINE_ENABLED: 'true' })).toBe(true);
  });

  it('listens on loopback only without an app id, and on every interface with one unless HOST says otherwise', () => {
    const host = (env: Record<string, string>) => {
      const parsed = parseConfig(env);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.config.host;
    };
    const production = { MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' };
    expect(host({})).toBe('127.0.0.1');
    expect(host({ HOST: '::1' })).toBe('::1');
    expect(host({ HOST: 'localhost' })).toBe('localhost');
    expect(host(production)).toBeUndefined();
    expect(host({ ...production, HOST: '10.1.2.3' })).toBe('10.1.2.3');
  });

  it('refuses a Graph tenant without an app id in one line that says why, and takes it with one', () => {
    const graph = { TENANT_SOURCE: 'graph', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' };
    const refused = parseConfig(graph);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^configuration: MicrosoftAppId: required with TENANT_SOURCE=graph \(.*real licences/);
    expect(parseConfig({ ...graph, MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' }).ok).toBe(true);
  });

  it('reads the allowed tenants as a list', () => {
    const parsed = parseConfig({ ALLOWED_TENANTS: 'contoso, fabrikam ,' });
    expect(parsed.ok && parsed.config.allowedTenants).toEqual(['contoso', 'fabrikam']);
  });
});

describe('logs', () => {
  it('never hold tokens, secrets, passwords, UPNs or e-mail addresses', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.info('x', {
      upn: 'anna@contoso.com',
      note: 'asked by anna@contoso.com with Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      MicrosoftAppPassword: 'hunter2',
      nested: { clientSecret: 's3cret', token: 'abc', list: ['erik@fabrikam.se'] },
      error: new Error('failed for lena@fabrikam.se'),
    });
    const text = lines.join('\n');
    for (const secret of ['anna@contoso.com', 'eyJhbGciOiJSUzI1NiJ9', 'hunter2', 's3cret', 'erik@fabrikam.se', 'lena@fabrikam.se']) expect(text).not.toContain(secret);
    expect(text).toContain('[email]');
    expect(redact({ tenantId: 'contoso', count: 3 })).toEqual({ tenantId: 'contoso', count: 3 });
  });
});
