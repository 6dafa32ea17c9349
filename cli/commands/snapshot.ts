import { err } from '../../domain/result';
import type { CommandContext, CommandResult } from './context';

// `plan-switch snapshot --graph`: reading a tenant through Microsoft Graph. The Graph reader is not
// part of this build yet, so the command says so honestly instead of pretending: exit 2 either way.

export const GRAPH_REQUIRED_VARIABLES = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const;

export function snapshotCommand(_args: { out?: string }, context: CommandContext): CommandResult {
  const missing = GRAPH_REQUIRED_VARIABLES.filter((name) => !context.env[name]?.trim());
  if (missing.length > 0) return err({ kind: 'graph-settings-missing', variables: missing });
  return err({ kind: 'graph-unavailable' });
}
