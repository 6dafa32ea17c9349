import { createHmac, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Bot Framework's token service on loopback: an OpenID metadata document and a
// JSON Web Key Set (with per-key endorsements, as login.botframework.com publishes them), and real
// RS256 tokens signed with its keys, plus the ways to forge one.

export interface IssuerKey {
  kid: string;
  privateKey: KeyObject;
  publicPem: string;
  endorsements: string[];
}

export interface TokenIssuer {
  url: string;
  /** The `iss` of the channel's tokens (ToBotFromChannelTokenIssuer). */
  issuer: string;
  channelMetadataUrl: string;
  /** The Emulator's metadata: a key set with none of these keys. */
  emulatorMetadataUrl: string;
  loginUrl: string;
  /** Signs with the Teams-endorsed key, published in the key set. */
  main: IssuerKey;
  /** Published, but endorsed for Skype only. */
  skype: IssuerKey;
  /** Never published. */
  unlisted: IssuerKey;
  /** Paths the bot fetched. */
  requests: string[];
  sign(claims: Record<string, unknown>, options?: { key?: IssuerKey; kid?: string; alg?: 'RS256' | 'RS384' }): string;
  /** A token with any header and a raw signature segment. */
  raw(header: Record<string, unknown>, claims: Record<string, unknown>, signature: (data: string) => string): string;
  hs256WithPublicKey(claims: Record<string, unknown>): string;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function newKey(kid: string, endorsements: string[]): IssuerKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { kid, privateKey, publicPem, endorsements };
}

function jwk(key: IssuerKey): Record<string, unknown> {
  const exported = createPublicKey(key.privateKey).export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n: exported.n, e: exported.e, endorsements: key.endorsements };
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const main = newKey('k-main', ['msteams', 'emulator', 'directline', 'webchat', 'AseChannel']);
  const skype = newKey('k-skype', ['skype']);
  const unlisted = newKey('k-unlisted', ['msteams']);
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/v1/.well-known/openidconfiguration') return json({ issuer: 'https://issuer.test/botframework', jwks_uri: `${base}/v1/keys` });
    if (req.url === '/v1/keys') return json({ keys: [jwk(main), jwk(skype)] });
    if (req.url === '/emulator/.well-known/openid-configuration') return json({ issuer: 'https://emulator.test', jwks_uri: `${base}/emulator/keys` });
    if (req.url === '/emulator/keys') return json({ keys: [] });
    if (req.url?.includes('/oauth2/')) return json({ token_type: 'Bearer', expires_in: 3600, access_token: 'loopback-access-token' });
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const raw: TokenIssuer['raw'] = (header, claims, signature) => {
    const data = `${b64(header)}.${b64(claims)}`;
    return `${data}.${signature(data)}`;
  };
  return {
    url: base,
    issuer: 'https://issuer.test/botframework',
    channelMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    emulatorMetadataUrl: `${base}/emulator/.well-known/openid-configuration`,
    loginUrl: `${base}/botframework.com`,
    main,
    skype,
    unlisted,
    requests,
    raw,
    sign(claims, options = {}) {
      const key = options.key ?? main;
      const alg = options.alg ?? 'RS256';
      return raw({ alg, typ: 'JWT', kid: options.kid ?? key.kid }, claims, (data) =>
        sign(alg === 'RS256' ? 'sha256' : 'sha384', Buffer.from(data), key.privateKey).toString('base64url'),
      );
    },
    hs256WithPublicKey(claims) {
      return raw({ alg: 'HS256', typ: 'JWT', kid: main.kid }, claims, (data) => createHmac('sha256', main.publicPem).update(data).digest('base64url'));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
