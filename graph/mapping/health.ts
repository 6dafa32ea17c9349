import type { HealthStatus, Service } from '../../domain/vocabulary';

// Service health from GET /admin/serviceAnnouncement/healthOverviews in the contract's words.
// Services by the overview's id (stable), else its display name; both compared without case.

export const HEALTH_SERVICES: Readonly<Record<string, Service>> = {
  exchange: 'exchange',
  'exchange online': 'exchange',
  sharepoint: 'sharepoint',
  'sharepoint online': 'sharepoint',
  onedriveforbusiness: 'onedrive',
  'onedrive for business': 'onedrive',
  microsoftteams: 'teams',
  'microsoft teams': 'teams',
  yammer: 'yammer',
  'yammer enterprise': 'yammer',
  'viva engage': 'yammer',
  lync: 'lync',
  'skype for business': 'lync',
  o365client: 'office-apps',
  'microsoft 365 apps': 'office-apps',
  'microsoft 365 apps for enterprise': 'office-apps',
};

/** Graph's serviceHealthStatus values; one not listed (unknownFutureValue, a new one) reads as an advisory. */
export const HEALTH_STATUSES_BY_GRAPH: Readonly<Record<string, HealthStatus>> = {
  serviceoperational: 'healthy',
  servicerestored: 'healthy',
  postincidentreviewpublished: 'healthy',
  resolved: 'healthy',
  resolvedexternal: 'healthy',
  mitigated: 'healthy',
  mitigatedexternal: 'healthy',
  falsepositive: 'healthy',
  investigating: 'advisory',
  investigationsuspended: 'advisory',
  verifyingservice: 'advisory',
  reported: 'advisory',
  confirmed: 'advisory',
  restoringservice: 'degraded',
  extendedrecovery: 'degraded',
  servicedegradation: 'degraded',
  serviceinterruption: 'incident',
};

const SEVERITY: Readonly<Record<HealthStatus, number>> = { healthy: 0, advisory: 1, degraded: 2, incident: 3 };

export function healthService(id: string, displayName: string): Service | undefined {
  return HEALTH_SERVICES[id.toLowerCase()] ?? HEALTH_SERVICES[displayName.toLowerCase()];
}

export function healthStatus(graphStatus: string): HealthStatus {
  return HEALTH_STATUSES_BY_GRAPH[graphStatus.toLowerCase()] ?? 'advisory';
}

export function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
