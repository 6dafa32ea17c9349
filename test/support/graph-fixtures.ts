import { GraphTenantGateway, loadGraphConfig, type Clock, type GraphGatewayOptions } from '../../graph';
import { startGraphServer, TEST_CA, type GraphServerOptions, type GraphTestServer } from './graph-server';

// The Graph gateway pointed at a local Graph test server, and a clock that only moves when slept on.

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = Date.parse('2026-11-21T09:00:00Z')) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    // Let other work (the server's answers) run, as a real wait would.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface GraphRig {
  server: GraphTestServer;
  gateway: GraphTenantGateway;
  close(): Promise<void>;
}

export async function graphRig(serverOptions: GraphServerOptions, gatewayOptions: Omit<GraphGatewayOptions, 'config'> = {}, env: Record<string, string> = {}): Promise<GraphRig> {
  const server = await startGraphServer(serverOptions);
  const gateway = new GraphTenantGateway({ config: loadGraphConfig({ ...server.env(), ...env }), ca: TEST_CA, today: () => '2026-11-21', ...gatewayOptions });
  return {
    server,
    gateway,
    close: async () => {
      gateway.close();
      await server.close();
    },
  };
}

/** Writes the directory ran (applied, refused or applied with a lost answer), per user. */
export function executedWrites(server: GraphTestServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of server.writes) if (w.result === 'applied' || w.result === 'refused' || w.result === 'lost') counts.set(w.userId, (counts.get(w.userId) ?? 0) + 1);
  return counts;
}
