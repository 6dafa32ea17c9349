export { PartnerCenterTestServer, startPartnerCenterServer, PARTNER_CENTER_SCOPE, PARTNER_TEST_CA_PATH, type PartnerServerOptions } from './server';
export { PartnerCenterState, REFUSAL_TEXTS, type CustomerSeed, type SubscriptionSeed, type TargetSeed } from './state';
export { DeviceCodeIssuer, type AgentAccount } from './entra';
export * from './seed';
