import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { composeBot, type BotParts } from '../../bot/compose';
import { parseConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';

export interface TestBot {
  parts: BotParts;
  adapter: TestAdapter;
  dataDir: string;
  logs: string[];
  conversation(options?: { locale?: string; userId?: string; conversationId?: string; channelId?: string; channelData?: unknown; aadObjectId?: string }): TestConversation;
  /** Everything sent to a conversation that no send() has returned yet (proactive messages). */
  drain(conversationId: string): Partial<Activity>[];
  close(): Promise<void>;
}

export interface TestConversation {
  id: string;
  send(input: string | Record<string, unknown>, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** The whole bot as `npm start` wires it, on botbuilder's TestAdapter, with its data in a temporary folder. */
export async function startTestBot(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-bot-'))): Promise<TestBot> {
  const parsed = parseConfig({ STORAGE: 'sqlite', DATA_DIR: dataDir, SWITCH_SPEED: '1000000', LOG_LEVEL: 'debug', ...env });
  if (!parsed.ok) throw new Error(parsed.message);
  const logs: string[] = [];
  const logger = createLogger(parsed.config.logLevel, (line) => logs.push(line));
  let parts: BotParts | undefined;
  const adapter = new TestAdapter(async (context) => parts!.bot.run(context));
  // TestAdapter has no proactive path of its own: a continuation turn on it sends into its queue like CloudAdapter's would.
  parts = await composeBot(parsed.config, logger, async (reference, logic) => {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
    await logic(new TurnContext(adapter, activity));
  });
  const inbox = new Map<string, Partial<Activity>[]>();
  const collect = () => {
    for (const activity of adapter.activeQueue.splice(0)) {
      const id = activity.conversation?.id ?? '';
      inbox.set(id, [...(inbox.get(id) ?? []), activity]);
    }
  };
  let counter = 0;
  return {
    parts,
    adapter,
    dataDir,
    logs,
    conversation(options = {}) {
      const id = options.conversationId ?? `conv-${++counter}`;
      const userId = options.userId ?? `user-${counter}`;
      return {
        id,
        async send(input, extra = {}) {
          const activity: Partial<Activity> = {
            type: 'message',
            channelId: options.channelId ?? 'test',
            serviceUrl: 'https://test.invalid',
            conversation: { id, isGroup: false, conversationType: 'personal', name: '', ...(options.channelData ? { tenantId: (options.channelData as { tenant?: { id?: string } }).tenant?.id } : {}) },
            from: { id: userId, name: 'User', role: 'user', ...(options.aadObjectId ? { aadObjectId: options.aadObjectId } : {}) },
            recipient: { id: 'bot', name: 'Bot', role: 'bot' },
            locale: options.locale ?? 'en-US',
            ...(options.channelData ? { channelData: options.channelData } : {}),
            ...(typeof input === 'string' ? { text: input } : { text: '', value: input }),
            ...extra,
          };
          await adapter.processActivity(activity);
          collect();
          const replies = inbox.get(id) ?? [];
          inbox.delete(id);
          return replies;
        },
      };
    },
    drain(conversationId) {
      collect();
      const replies = inbox.get(conversationId) ?? [];
      inbox.delete(conversationId);
      return replies;
    },
    async close() {
      await parts!.switching.idle();
      parts!.stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card of a reply, if it carries one. */
export function cardOf(activity: Partial<Activity>): Record<string, any> | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, any> | undefined;
}

/** All visible text of replies: message texts and every string a card shows (not its data or ids). */
export function visibleText(replies: readonly Partial<Activity>[]): string {
  const parts: string[] = [];
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string') {
      if (['text', 'title', 'label', 'value', 'placeholder', 'errorMessage', 'fallbackText'].includes(key)) parts.push(node);
      return;
    }
    if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (k !== 'data' && k !== 'id' && k !== 'choices') walk(v, k);
      const choices = (node as { choices?: { title: string }[] }).choices;
      if (choices) choices.forEach((c) => parts.push(c.title));
    }
  };
  for (const reply of replies) {
    if (reply.text) parts.push(reply.text);
    const card = cardOf(reply);
    if (card) walk(card.body), walk(card.actions);
  }
  return parts.join('\n');
}

/** The first Action.Submit data in a card whose verb matches. */
export function submitData(replies: readonly Partial<Activity>[], verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const data = (node as { data?: { verb?: string } }).data;
    if ((node as { type?: string }).type === 'Action.Submit' && data?.verb === verb) found = data as Record<string, unknown>;
    else Object.values(node).forEach(walk);
  };
  replies.forEach((r) => walk(cardOf(r)));
  return found;
}
