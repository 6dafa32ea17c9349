import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './bot-process';
import { partnerCustomers, PARTNER_CENTER_SCOPE, PARTNER_TEST_CA_PATH, startPartnerCenterServer, type PartnerCenterTestServer } from './partner-center-server';
import { LocalTokenService, type SsoOptions } from './token-service';

// The CSP helpdesk as a real bot process, with what it talks to: the local Partner Center (and its
// Entra), the token service of the bot's OAuth connection, and a channel connector for its replies.

export const PARTNER_CONNECTION = 'PartnerCenter';

export interface PartnerBotRig {
  partner: PartnerCenterTestServer;
  tokens: LocalTokenService;
  connector: ConnectorDouble;
  dataDir: string;
  /** Starts the bot on the rig's data folder (again, after a kill); `close` stops every bot it started. */
  startBot(env?: Record<string, string>): Promise<BotProcess>;
  /** Stops everything; with `failed`, prints the last bot's output first. */
  close(failed: boolean): Promise<void>;
}

export interface PartnerBotRigOptions {
  /** What the agent's sign-in gives the bot: a Partner Center token of the local Entra by default. */
  signIn?: (partner: PartnerCenterTestServer) => () => string;
  sso?: (partner: PartnerCenterTestServer) => SsoOptions;
}

export async function partnerBotRig(name: string, options: PartnerBotRigOptions = {}): Promise<PartnerBotRig> {
  const partner = await startPartnerCenterServer({ customers: partnerCustomers(2) });
  const signIn = options.signIn?.(partner) ?? (() => partner.entra.issueDirect(PARTNER_CENTER_SCOPE));
  const tokens = await new LocalTokenService(signIn, options.sso?.(partner)).start();
  const connector = await startConnectorDouble();
  const dataDir = mkdtempSync(join(tmpdir(), `plan-switch-partner-${name}-`));
  const bots: BotProcess[] = [];
  return {
    partner,
    tokens,
    connector,
    dataDir,
    async startBot(env = {}) {
      const bot = await startBotProcess({
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ...partner.env(),
        PARTNER_OAUTH_CONNECTION: PARTNER_CONNECTION,
        PARTNER_CENTER_CA_FILE: PARTNER_TEST_CA_PATH,
        OAuthUrl: tokens.url,
        ...env,
      });
      bots.push(bot);
      return bot;
    },
    async close(failed) {
      if (failed) process.stderr.write(`bot output:\n${bots.at(-1)?.output().slice(-8000)}\n`);
      for (const bot of bots) await bot.stop('SIGKILL');
      await connector.close();
      await tokens.close();
      await partner.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
