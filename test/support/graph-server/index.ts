export { GraphTestServer, startGraphServer, TEST_CA, TEST_CLIENT_CERTIFICATE_PATH, type GraphServerOptions, type WriteRecord } from './server';
export { EXCLUSIVE_PLAN_FAMILIES, GraphTenantState, type ServerGroup, type ServerTenantSeed, type ServerUser } from './tenant-state';
export { ServerFaults, ServerWriteQuota, type FaultAnswer, type RandomFaults } from './faults';
export * from './seed';
