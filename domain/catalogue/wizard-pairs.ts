// The switch-plans wizard's eligible pairs (domain-rules.md section 4, from the nb article).
// Kept as data: one row per from-plan, its targets in the article's order.
const E1_E3_E4 = ['o365-e1', 'o365-e3', 'o365-e4'] as const;

export const WIZARD_PAIRS: Readonly<Record<string, readonly string[]>> = {
  'o365-small-business': ['o365-small-business-premium', 'o365-midsize-business', ...E1_E3_E4],
  'o365-small-business-premium': ['o365-midsize-business', ...E1_E3_E4],
  'o365-midsize-business': E1_E3_E4,
  'o365-k1': E1_E3_E4,
  'o365-k2': E1_E3_E4,
  'o365-e1': ['o365-e3', 'o365-e4'],
  'o365-e3': ['o365-e4'],
  'lync-online-plan-1': E1_E3_E4,
  'lync-online-plan-2': E1_E3_E4,
  'lync-online-plan-3': ['o365-e4'],
  'sharepoint-online-plan-1': E1_E3_E4,
  'sharepoint-online-plan-2': ['o365-e3', 'o365-e4'],
  'exchange-online-plan-1': E1_E3_E4,
  'exchange-online-plan-2': ['o365-e3', 'o365-e4'],
  'o365-education-a1': ['o365-education-a2', 'o365-education-a3'],
  'o365-education-a2': ['o365-education-a3'],
  'office-online-sharepoint-plan-1': ['o365-education-a1', 'o365-education-a2', 'o365-education-a3', 'o365-education-a4'],
  'office-online-sharepoint-plan-2': ['o365-education-a1', 'o365-education-a2', 'o365-education-a3', 'o365-education-a4'],
  'exchange-online-kiosk': [...E1_E3_E4, 'o365-k1', 'exchange-online-plan-1', 'exchange-online-plan-2'],
};
