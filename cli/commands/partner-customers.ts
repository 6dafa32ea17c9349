import { searchCustomers } from '../../partner';
import { json } from './context';
import { openClient, partnerWords, type PartnerContext } from './partner-session';

// `plan-switch partner customers [--search TEXT] [--json]`: the partner's customers from Partner Center,
// every page, sorted by name; --search keeps those whose name or domain holds every word.

export async function partnerCustomersCommand(args: { search?: string }, context: PartnerContext): Promise<string> {
  const client = openClient(context);
  try {
    const customers = searchCustomers(await client.customers(), args.search);
    if (context.json) return json({ customers });
    const say = partnerWords(context.lang);
    if (customers.length === 0) return `${say('cli.customers.none', { search: args.search ?? '' })}\n`;
    const columns = [say('cli.customers.columns.name'), say('cli.customers.columns.domain'), say('cli.customers.columns.id')];
    const rows = [columns, ...customers.map((c) => [c.name, c.domain, c.id])];
    const widths = columns.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
    const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ');
    return [say('cli.customers.title', { count: customers.length }), '', ...rows.map(line), ''].join('\n');
  } finally {
    client.close();
  }
}
