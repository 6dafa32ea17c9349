import { createRequire } from 'node:module';
import type restifyModule from 'restify';

// restify 11 loads spdy (HTTP/2 over SPDY) when it is loaded, and spdy's http-deceiver calls
// process.binding('http_parser'): Node's DEP0111 deprecation warning at every start on Node 20 and 22,
// and on Node 24, which no longer has that binding, an error that stops restify from loading at all. The
// bot never asks restify for spdy (restify 12 drops it, but needs Node 22), so restify is handed a
// stand-in for it that refuses to be used, and the call is never made. Load restify only from here
// (test/restify-loading.test.ts checks it).

const require = createRequire(import.meta.url);
const spdyPath = createRequire(require.resolve('restify')).resolve('spdy');
if (!require.cache[spdyPath]) {
  const refuse = () => {
    throw new Error('restify was asked for spdy, which plan-switch-bot does not load');
  };
  require.cache[spdyPath] = { id: spdyPath, filename: spdyPath, loaded: true, exports: { createServer: refuse } } as unknown as NodeJS.Module;
}

const restify: typeof restifyModule = require('restify');
export default restify;
