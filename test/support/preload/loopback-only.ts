import net from 'node:net';

// Loaded into a bot process under test (node --import): any connection to a host that is not this
// machine is refused before a packet leaves, and reported on stderr, so a test can prove that
// nothing (a key set, a token endpoint, a channel) was ever fetched from anywhere but loopback.

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;

type ConnectArgs = Parameters<net.Socket['connect']>;

function target(args: unknown[]): { host?: string; path?: string } {
  const [first, second] = args as [unknown, unknown];
  if (Array.isArray(first)) return target(first);
  if (first && typeof first === 'object') return first as { host?: string; path?: string };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof second === 'string' ? second : undefined };
}

const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const { host, path } = target(args);
  if (!path && host !== undefined && !LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
    process.stderr.write(`${JSON.stringify({ level: 'test', event: 'test.outbound-refused', host })}\n`);
    const socket = this;
    process.nextTick(() => socket.destroy(new Error('outbound connection refused by the test guard')));
    return socket;
  }
  return original.apply(this, args as ConnectArgs);
} as typeof original;
