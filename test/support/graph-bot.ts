import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './bot-process';
import { startGraphServer, type GraphServerOptions, type GraphTestServer } from './graph-server';
import { sendTeams, type TeamsMessage, type TeamsSender } from './teams-chat';

// The bot with TENANT_SOURCE=graph, as `npm start` runs it, on a local Graph test server (HTTPS with its
// own CA, trusted through NODE_EXTRA_CA_CERTS), and a connector double that receives its proactive messages.

export const GRAPH_CA_FILE = join(import.meta.dirname, 'graph-server', 'tls', 'server-cert.pem');

export interface GraphBot extends TeamsSender {
  server: GraphTestServer;
  connector: ConnectorDouble;
  bot: BotProcess;
  dataDir: string;
  /** A Teams message to this bot from a person of the server's tenant. */
  send(message: TeamsMessage): ReturnType<typeof sendTeams>;
  close(): Promise<void>;
}

export interface GraphBotOptions {
  server: GraphServerOptions;
  /** GRAPH_SETTINGS_FILE's content (what Graph cannot tell), written to the bot's data folder. */
  settings?: unknown;
  /** More of the bot's environment. */
  env?: Record<string, string>;
}

export async function startGraphBot(options: GraphBotOptions): Promise<GraphBot> {
  const server = await startGraphServer(options.server);
  const connector = await startConnectorDouble();
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-graph-bot-'));
  const settings: Record<string, string> = {};
  if (options.settings !== undefined) {
    settings.GRAPH_SETTINGS_FILE = join(dataDir, 'graph-settings.json');
    writeFileSync(settings.GRAPH_SETTINGS_FILE, JSON.stringify(options.settings));
  }
  const bot = await startBotProcess({
    ...server.env(),
    TENANT_SOURCE: 'graph',
    NODE_EXTRA_CA_CERTS: GRAPH_CA_FILE,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...settings,
    ...options.env,
  });
  const to: TeamsSender = { port: bot.port, serviceUrl: connector.serviceUrl, tenantId: server.tenantId };
  return {
    ...to,
    server,
    connector,
    bot,
    dataDir,
    send: (message) => sendTeams(to, message),
    async close() {
      await bot.stop('SIGKILL');
      await connector.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
