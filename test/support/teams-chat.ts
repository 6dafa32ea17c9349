import { exchange } from './bot-process';

// What the Graph-sourced bot tests send and read: a Teams personal-chat message from a person of a
// tenant (as Teams posts it, with the tenant id and the person's Entra object id), and the nodes of
// the Adaptive Cards in the replies.

export type Node = Record<string, unknown>;

export interface TeamsSender {
  /** The bot's port and the connector double's serviceUrl. */
  port: number;
  serviceUrl: string;
  tenantId: string;
}

export interface TeamsMessage {
  conversationId: string;
  /** The person's Entra object id. */
  aadObjectId: string;
  name?: string;
  locale?: string;
  /** The message's own fields: text, value (a card's submission) … */
  extra?: Record<string, unknown>;
}

let counter = 0;

/** Posts one Teams message (expectReplies) and returns the status and the replies. */
export function sendTeams(to: TeamsSender, message: TeamsMessage): Promise<{ status: number; activities: Record<string, any>[] }> {
  return exchange(to.port, {
    type: 'message',
    id: `teams-${++counter}`,
    channelId: 'msteams',
    serviceUrl: to.serviceUrl,
    conversation: { id: message.conversationId, conversationType: 'personal', tenantId: to.tenantId },
    channelData: { tenant: { id: to.tenantId } },
    from: { id: `29:${message.conversationId}`, name: message.name ?? 'Someone', aadObjectId: message.aadObjectId },
    recipient: { id: '28:bot', name: 'Plan Switch' },
    locale: message.locale ?? 'en-US',
    text: '',
    ...message.extra,
  });
}

/** Every node of the replies' cards that `match` accepts, depth first. */
export function findAll(activities: Node[], match: (node: Node) => boolean): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (match(node as Node)) found.push(node as Node);
    Object.values(node).forEach(walk);
  };
  for (const activity of activities) walk(activity.attachments);
  return found;
}

/** The data of every card action with this verb. */
export const actionData = (activities: Node[], verb: string): Node[] =>
  findAll(activities, (n) => (n.data as Node | undefined)?.verb === verb).map((n) => n.data as Node);

/** The locale Teams sends for each of the bot's languages. */
export const TEAMS_LOCALES = { en: 'en-US', pl: 'pl-PL', sv: 'sv-SE', nb: 'nb-NO' } as const;

/** Every string anywhere in a value (a card, a reply), depth first. */
export const stringsIn = (node: unknown): string[] => {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringsIn);
  return [];
};
