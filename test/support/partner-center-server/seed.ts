import type { CustomerSeed } from './state';

// A CSP partner's customers for tests: Contoso on Business Standard with an upgrade to Business Premium
// (both ways eligible), to Microsoft 365 E3 (licence transfer refused: conflicting services) and to
// Office 365 E3 (refused: the agent's GDAP roles fall short), plus an offer the catalogue does not know;
// a Polish customer whose name needs its diacritics in a search; and enough others for several pages.

export const CONTOSO = 'a1b2c3d4-0000-4000-8000-000000000001';
export const LODZ = 'a1b2c3d4-0000-4000-8000-000000000002';
export const CONTOSO_STANDARD = '5e3c1a00-0000-4000-8000-0000000000a1';
export const CONTOSO_POWER_BI = '5e3c1a00-0000-4000-8000-0000000000a2';
export const LODZ_BASIC = '5e3c1a00-0000-4000-8000-0000000000b1';

export const ITEM_STANDARD = 'CFQ7TTC0LDPB:0001:CFQ7TTC0K9G9';
export const ITEM_PREMIUM = 'CFQ7TTC0LCHC:0002:CFQ7TTC0K1XT';
export const ITEM_M365_E3 = 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5B0';
export const ITEM_O365_E3 = 'CFQ7TTC0LF8R:0001:CFQ7TTC0KCSV';
export const ITEM_BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
export const ITEM_POWER_BI = 'CFQ7TTC0L3PB:0001:CFQ7TTC0KXG6';

export function partnerCustomers(extra = 5): CustomerSeed[] {
  return [
    {
      id: CONTOSO,
      companyName: 'Contoso Ltd',
      domain: 'contoso.onmicrosoft.com',
      subscriptions: [
        {
          id: CONTOSO_STANDARD,
          offerId: ITEM_STANDARD,
          offerName: 'Microsoft 365 Business Standard',
          quantity: 12,
          billingCycle: 'monthly',
          termDuration: 'P1Y',
          effectiveStartDate: '2026-06-15T00:00:00Z',
          commitmentEndDate: '2027-06-14T00:00:00Z',
          promotionId: '39NFJQT1Q5KT:0002:39NFJQT1HS3C',
          targets: [
            { catalogItemId: ITEM_PREMIUM, title: 'Microsoft 365 Business Premium', types: { transition_only: [], transition_with_license_transfer: [] } },
            { catalogItemId: ITEM_M365_E3, title: 'Microsoft 365 E3', types: { transition_only: [], transition_with_license_transfer: [{ code: 3 }] } },
            { catalogItemId: ITEM_O365_E3, title: 'Office 365 E3', types: { transition_with_license_transfer: [{ code: 13 }] } },
          ],
        },
        { id: CONTOSO_POWER_BI, offerId: ITEM_POWER_BI, offerName: 'Power BI Pro', quantity: 3 },
      ],
    },
    {
      id: LODZ,
      companyName: 'Łódzkie Biuro Rachunkowe sp. z o.o.',
      domain: 'lodzbiuro.onmicrosoft.com',
      subscriptions: [
        {
          id: LODZ_BASIC,
          offerId: ITEM_BASIC,
          offerName: 'Microsoft 365 Business Basic',
          quantity: 4,
          status: 'suspended',
          targets: [{ catalogItemId: ITEM_STANDARD, title: 'Microsoft 365 Business Standard', types: { transition_only: [], transition_with_license_transfer: [] } }],
        },
      ],
    },
    ...Array.from({ length: extra }, (_, i) => ({
      id: `a1b2c3d4-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      companyName: `Northwind ${i + 1}`,
      domain: `northwind${i + 1}.onmicrosoft.com`,
      subscriptions: [],
    })),
  ];
}
