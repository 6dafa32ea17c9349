import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { wordsFor } from '../i18n/words';
import type { Language } from '../i18n/languages';
import { visibleText } from './support/bot-harness';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { guid, LICENSE_ADMIN, syntheticGraphTenant, userId } from './support/graph-server';

// The bot with TENANT_SOURCE=graph on the local Graph server: a License administrator who holds the role
// only through a role-assignable group may move users, and a plain user who may not is told which roles
// may, in English and in Polish.

const LICENCE_ADMINS_GROUP = guid(1, 9);
const GROUP_ADMIN = userId(8);
const PLAIN = userId(10);

let graph: GraphBot;

beforeAll(async () => {
  const seed = syntheticGraphTenant({ users: 12 });
  seed.roleAssignments.push({ id: guid(50, 3), principalId: LICENCE_ADMINS_GROUP, roleDefinitionId: LICENSE_ADMIN, directoryScopeId: '/' });
  graph = await startGraphBot({ server: { seed, roles: { roleGroups: [{ id: LICENCE_ADMINS_GROUP, displayName: 'Licence admins', members: [GROUP_ADMIN] }] } } });
}, 60_000);

afterAll(async () => {
  await graph?.close();
});

const teams = (who: string, conversationId: string, locale: string, extra: Record<string, unknown>) => graph.send({ conversationId, aadObjectId: who, locale, extra });

describe.each([
  ['en', 'en-US'],
  ['pl', 'pl-PL'],
] as [Language, string][])('roles held on a real tenant decide the move, in %s', (lng, locale) => {
  const t = translator(lng);
  const refusal = t('bot:errors.roleRequired', { count: 3, roles: wordsFor(lng).roles(['GlobalAdmin', 'LicenseAdmin', 'UserAdmin']) });

  it('lets a License administrator who holds the role through a group move users', async () => {
    await teams(GROUP_ADMIN, `group-admin-${lng}`, locale, { text: 'hello' });
    const opened = await teams(GROUP_ADMIN, `group-admin-${lng}`, locale, { value: { verb: 'menu.open', flow: 'move-users' } });
    const text = visibleText(opened.activities);
    expect(text).not.toContain(refusal);
    expect(JSON.stringify(opened.activities)).toMatch(/"verb":"(subscription|users)\.pick"/);
  });

  it('tells a plain user that a Global, License or User administrator may move users', async () => {
    await teams(PLAIN, `plain-${lng}`, locale, { text: 'hello' });
    const opened = await teams(PLAIN, `plain-${lng}`, locale, { value: { verb: 'menu.open', flow: 'move-users' } });
    const text = visibleText(opened.activities);
    expect(text).toContain(refusal);
    expect(text).not.toContain(wordsFor(lng).t('roles.BillingAdmin'));
    expect(graph.server.writes).toHaveLength(0);
  });
});
