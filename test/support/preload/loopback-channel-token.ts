import { createRequire } from 'node:module';

// Loaded into a bot process under test (node --import) when TEST_CHANNEL_LOGIN_URL is set. With an app
// id, botbuilder gets the token for its outbound messages from MSAL, and MSAL trusts no authority but
// Microsoft's (it asks login.microsoftonline.com to vouch for any other). The loopback token issuer
// stands in for the Bot Framework's token service here: the same client-credentials request
// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication),
// sent to TEST_CHANNEL_LOGIN_URL instead.

const loginUrl = process.env.TEST_CHANNEL_LOGIN_URL;
if (loginUrl) {
  const require = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
  const { MsalAppCredentials } = require('botframework-connector') as typeof import('botframework-connector');
  MsalAppCredentials.prototype.getToken = async function loopbackToken(this: { appId: string }): Promise<string> {
    const response = await fetch(`${loginUrl}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, scope: 'https://api.botframework.com/.default' }),
    });
    if (!response.ok) throw new Error(`the loopback token service answered ${response.status}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };
}
