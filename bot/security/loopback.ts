// Loopback: this machine only. Used for the address the bot listens on without an app id, for whether a
// request reached it on loopback, and for the serviceUrls of local development.

/** 127.0.0.0/8, ::1 (bracketed or not, or IPv4-mapped) and `localhost`. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return a === 'localhost' || a === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
