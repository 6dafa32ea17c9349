// A refused licence assignment (an item answered 4xx) as the port's error code, by Graph's message
// (assignLicense answers 400 Request_BadRequest with the reason in words only; the reasons are the
// licenseAssignmentState errors of https://learn.microsoft.com/en-us/graph/api/resources/licenseassignmentstate).

const BY_MESSAGE: readonly { pattern: RegExp; code: string }[] = [
  { pattern: /does not have any available licen[cs]es/i, code: 'NOT_ENOUGH_LICENSES' },
  { pattern: /does not correspond to a valid company licen[cs]e|invalid.*sku/i, code: 'SUBSCRIPTION_NOT_FOUND' },
  { pattern: /does not have a corresponding licen[cs]e/i, code: 'LICENCE_NOT_HELD' },
  { pattern: /inherited from a group|group membership/i, code: 'LICENSED_BY_GROUP' },
  { pattern: /prohibited in .*usage location|not available in .*usage location/i, code: 'PROHIBITED_IN_USAGE_LOCATION' },
  { pattern: /usage location/i, code: 'USAGE_LOCATION_MISSING' },
  { pattern: /mutually exclusive|conflicting service plans/i, code: 'CONFLICTING_SERVICE_PLANS' },
  { pattern: /depend/i, code: 'DEPENDENT_SERVICE_PLANS' },
];

export function itemErrorCode(status: number, message: string): string {
  if (status === 404) return 'USER_NOT_FOUND';
  if (status === 401 || status === 403) return 'ACCESS_DENIED';
  if (status === 400) return BY_MESSAGE.find((row) => row.pattern.test(message))?.code ?? 'LICENCE_ASSIGNMENT_REFUSED';
  return `GRAPH_${status}`;
}
