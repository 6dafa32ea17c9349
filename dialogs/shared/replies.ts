import { CardFactory, MessageFactory, type Activity } from 'botbuilder-core';
import type { AdaptiveCard } from '../../cards/render';

export function cardReply(card: AdaptiveCard, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary;
  return activity;
}

export function textReply(text: string): Partial<Activity> {
  return MessageFactory.text(text);
}
