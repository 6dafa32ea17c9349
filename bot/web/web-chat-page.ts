import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { LANGUAGES } from '../../i18n/languages';
import { translator } from '../../i18n/translator';

const PUBLIC = fileURLToPath(new URL('../../public/', import.meta.url));

/** Microsoft's Web Chat bundle (the file its CDN serves), straight from the installed package. */
export function webChatBundlePath(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide dist/webchat.js; its main entry sits in lib/, beside dist/.
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

const PAGE_KEYS = ['name', 'tagline', 'language', 'restart', 'connecting', 'failed', 'demo', 'inputPlaceholder'] as const;

/** The page's words in every language, from locales/<lng>/web.json. */
function pageStrings(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const lng of LANGUAGES) {
    const t = translator(lng);
    out[lng] = Object.fromEntries(PAGE_KEYS.map((key) => [key, String(t(`web:${key}`))]));
  }
  return out;
}

// Scripts and styles only from this server; Web Chat styles its components with inline <style> elements.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

interface Asset {
  body: Buffer;
  type: string;
  cache: string;
}

/**
 * The self-service web chat: the page (public/), Web Chat's bundle from node_modules (no CDN), and the
 * page's words. Everything is read once at start and served from memory.
 */
export function mountWebChatPage(server: Server, options: { demo: boolean }): void {
  const file = (name: string, type: string): Asset => ({ body: readFileSync(join(PUBLIC, name)), type, cache: 'no-cache' });
  const assets: Record<string, Asset> = {
    '/': file('index.html', 'text/html; charset=utf-8'),
    '/app.js': file('app.js', 'text/javascript; charset=utf-8'),
    '/app.css': file('app.css', 'text/css; charset=utf-8'),
    '/icon.svg': file('icon.svg', 'image/svg+xml'),
    '/webchat/webchat.js': { body: readFileSync(webChatBundlePath()), type: 'text/javascript; charset=utf-8', cache: 'public, max-age=86400' },
    '/web/page.json': {
      body: Buffer.from(JSON.stringify({ demo: options.demo, languages: LANGUAGES, strings: pageStrings() })),
      type: 'application/json; charset=utf-8',
      cache: 'no-cache',
    },
  };
  for (const [path, asset] of Object.entries(assets)) {
    server.get(path, async (_req: Request, res: Response) => {
      res.writeHead(200, { 'content-type': asset.type, 'content-length': asset.body.length, 'cache-control': asset.cache, ...SECURITY_HEADERS });
      res.end(asset.body);
    });
  }
}
