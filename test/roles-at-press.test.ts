import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, submitData, visibleText, type TestBot, type TestConversation } from './support/bot-harness';

// Every command that changes something checks the person's roles as the tenant has them when it runs:
// the move-users path, as the change-plan path (switch-confirmation.test.ts).

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function moveCard(chat: TestConversation, identity: string): Promise<Record<string, unknown> | undefined> {
  await chat.send({ verb: 'identity.pick', identity });
  await chat.send({ verb: 'menu.open', flow: 'move-users' });
  await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
  return submitData(await chat.send({ verb: 'users.pick', userIds: 'u-lars,u-maja' }), 'switch.confirm');
}

function editUser(testBot: TestBot, userId: string, change: (user: { roles: string[] }) => unknown): void {
  const file = join(testBot.dataDir, 'tenants', 'contoso-small-business.json');
  const tenant = JSON.parse(readFileSync(file, 'utf8'));
  const index = tenant.users.findIndex((u: { id: string }) => u.id === userId);
  const changed = change(tenant.users[index]);
  if (changed === undefined) tenant.users.splice(index, 1);
  else tenant.users[index] = changed;
  writeFileSync(file, JSON.stringify(tenant));
}

describe('roles at the moment a move runs', () => {
  it.each([
    ['loses every admin role', (user: { roles: string[] }) => ({ ...user, roles: ['User'] })],
    ['keeps only a role that may not assign licences', (user: { roles: string[] }) => ({ ...user, roles: ['BillingAdmin'] })],
    ['becomes a helpdesk agent', (user: { roles: string[] }) => ({ ...user, roles: ['HelpdeskAgent', 'LicenseAdmin'] })],
    ['is removed from the tenant', () => undefined],
  ])('a licence administrator who %s between the card and the press moves nobody', async (_name, change) => {
    bot = await startTestBot();
    const ingrid = bot.conversation();
    const card = await moveCard(ingrid, 'contoso|u-ingrid');
    expect(card).toBeDefined();
    editUser(bot, 'u-ingrid', change);
    const refused = visibleText(await ingrid.send(card!));
    expect(refused).toMatch(/cannot start now/);
    // It names the roles that may move users, not an empty list.
    expect(refused).toMatch(/Global administrator, License administrator,? or User administrator/);
    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
    expect(bot.logs.some((l) => l.includes('"switch.blocked"') && l.includes('ADMIN_ROLE_REQUIRED') && l.includes('u-ingrid'))).toBe(true);
  });

  it('one who keeps the role moves them, and the audit says who, what and the licence counts before and after', async () => {
    bot = await startTestBot();
    const ingrid = bot.conversation();
    const card = await moveCard(ingrid, 'contoso|u-ingrid');
    expect(visibleText(await ingrid.send(card!))).toContain('Confirmed');
    await bot.parts.switching.idle();
    const [job] = await bot.parts.switching.listJobs('contoso');
    expect(job?.step).toBe('done');
    const audit = bot.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'audit');
    const started = audit.find((l) => l.event === 'switch.started');
    const finished = audit.find((l) => l.event === 'switch.finished');
    expect(started).toMatchObject({ tenantId: 'contoso', userId: 'u-ingrid', jobId: job!.id, kind: 'move-users', subscriptionId: 'sub-standard', toSubscriptionId: 'sub-exchange', users: 2 });
    expect(started.licenceCountsBefore).toEqual({ 'sub-standard': { purchased: 10, assigned: 8 }, 'sub-exchange': { purchased: 4, assigned: 2 } });
    expect(finished).toMatchObject({ tenantId: 'contoso', userId: 'u-ingrid', jobId: job!.id, step: 'done', kind: 'move-users' });
    expect(finished.licenceCountsAfter).toEqual({ 'sub-standard': { purchased: 10, assigned: 6 }, 'sub-exchange': { purchased: 4, assigned: 4 } });
    for (const line of [started, finished]) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
