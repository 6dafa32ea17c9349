// The Microsoft Graph adapter of the TenantGateway port: configuration, the gateway, and the figures
// the bot needs before a large move (the write quota and the estimated duration).

export { GRAPH_DEFAULT_AUTHORITY_HOST, GRAPH_DEFAULT_BASE_URL, GRAPH_VARIABLES, GraphConfigError, loadGraphConfig, parseGraphConfig } from './config';
export type { GraphConfig, GraphConfigProblem, GraphVariable } from './config';
export { CommerceNotSupportedError, GraphAuthError, GraphRequestError, GraphUnreachableError } from './errors';
export { GraphTenantGateway, type GraphGatewayOptions } from './gateway';
export type { SnapshotWarning } from './mapping/snapshot';
export { estimateMoveDurationMs, estimateMoveSeconds, GRAPH_WRITE_QUOTA, WriteQuota, type QuotaLimit } from './quota';
export { realClock, type Clock } from './clock';
export { SETTINGS_DEFAULTS, snapshotSettingsSchema, withOverrides, type SnapshotSettings } from './settings';
