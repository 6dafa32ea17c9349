import type { Flow } from './submissions';
import { renderCard, type AdaptiveCard } from './render';

export interface BackupCardInput {
  title: string;
  subtitle: string;
  verdict: string;
  verdictText: string;
  verdictStyle: 'good' | 'warning';
  /** One section per data-related service the change loses: its name and how to back it up. */
  services: readonly { name: string; steps: string }[];
  /** What else to know before the switch, such as no way back to the old plan. */
  warnings: readonly { title: string; text: string }[];
  actions: readonly { title: string; flow: Flow }[];
}

/** What to back up before a switch, service by service, or that there is nothing to back up. */
export function backupCard(input: BackupCardInput): AdaptiveCard {
  return renderCard('backup-steps', input);
}
