import type { Plan } from './plan';

// Levels: exchange 1 Kiosk < 2 Plan 1 < 3 Plan 2; sharepoint 1 Kiosk < 2 Plan 1 < 3 Plan 2;
// onedrive 1 (2 GB, frontline) < 2 (1 TB); yammer 1; lync 1 Plan 1 < 2 Plan 2 < 3 Plan 3.
// Lync Online (contacts) is a data service of the older plans only: today's Office 365 and Microsoft 365
// E plans have no Lync Online, so changing from them loses no Lync data.
const SUITE = ['exchange', 'sharepoint', 'onedrive', 'teams', 'yammer'] as const;
const SUITE_WITH_APPS = [...SUITE, 'office-apps'] as const;
const OLDER_SUITE = ['exchange', 'sharepoint', 'onedrive', 'lync'] as const;

export const PLANS: readonly Plan[] = [
  {
    id: 'm365-business-basic', name: 'Microsoft 365 Business Basic', family: 'm365-business', generation: 'current',
    skuPartNumber: 'O365_BUSINESS_ESSENTIALS', listPriceUsdCents: 600,
    services: SUITE, dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, yammer: 1 },
  },
  {
    id: 'm365-business-standard', name: 'Microsoft 365 Business Standard', family: 'm365-business', generation: 'current',
    skuPartNumber: 'O365_BUSINESS_PREMIUM', listPriceUsdCents: 1250,
    services: SUITE_WITH_APPS, dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, yammer: 1 },
  },
  {
    id: 'm365-business-premium', name: 'Microsoft 365 Business Premium', family: 'm365-business', generation: 'current',
    skuPartNumber: 'SPB', listPriceUsdCents: 2200,
    services: SUITE_WITH_APPS, dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, yammer: 1 },
  },
  {
    id: 'm365-apps-business', name: 'Microsoft 365 Apps for business', family: 'm365-apps', generation: 'current',
    skuPartNumber: 'O365_BUSINESS', listPriceUsdCents: 825,
    services: ['onedrive', 'office-apps'], dataServices: { onedrive: 2 },
  },
  {
    id: 'm365-apps-enterprise', name: 'Microsoft 365 Apps for enterprise', family: 'm365-apps', generation: 'current',
    skuPartNumber: 'OFFICESUBSCRIPTION', listPriceUsdCents: 1200,
    services: ['onedrive', 'office-apps'], dataServices: { onedrive: 2 },
  },
  {
    id: 'o365-e1', name: 'Office 365 E1', family: 'enterprise', generation: 'current',
    skuPartNumber: 'STANDARDPACK', listPriceUsdCents: 1000,
    services: SUITE, dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, yammer: 1 },
  },
  {
    id: 'o365-e3', name: 'Office 365 E3', family: 'enterprise', generation: 'current',
    skuPartNumber: 'ENTERPRISEPACK', listPriceUsdCents: 2300,
    services: SUITE_WITH_APPS, dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1 },
  },
  {
    id: 'o365-e5', name: 'Office 365 E5', family: 'enterprise', generation: 'current',
    skuPartNumber: 'ENTERPRISEPREMIUM', listPriceUsdCents: 3800,
    services: SUITE_WITH_APPS, dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1 },
  },
  {
    id: 'm365-e3', name: 'Microsoft 365 E3', family: 'enterprise', generation: 'current',
    skuPartNumber: 'SPE_E3', listPriceUsdCents: 3600,
    services: SUITE_WITH_APPS, dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1 },
  },
  {
    id: 'm365-e5', name: 'Microsoft 365 E5', family: 'enterprise', generation: 'current',
    skuPartNumber: 'SPE_E5', listPriceUsdCents: 5700,
    services: SUITE_WITH_APPS, dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1 },
  },
  {
    id: 'o365-f3', name: 'Office 365 F3', family: 'frontline', generation: 'current',
    skuPartNumber: 'DESKLESSPACK', listPriceUsdCents: 400,
    services: SUITE, dataServices: { exchange: 1, sharepoint: 1, onedrive: 1, yammer: 1 },
  },
  {
    id: 'm365-f3', name: 'Microsoft 365 F3', family: 'frontline', generation: 'current',
    skuPartNumber: 'SPE_F1', listPriceUsdCents: 800,
    services: SUITE, dataServices: { exchange: 1, sharepoint: 1, onedrive: 1, yammer: 1 },
  },
  {
    id: 'exchange-online-plan-1', name: 'Exchange Online (Plan 1)', family: 'exchange', generation: 'current',
    skuPartNumber: 'EXCHANGESTANDARD', listPriceUsdCents: 400,
    services: ['exchange'], dataServices: { exchange: 2 },
  },
  {
    id: 'exchange-online-plan-2', name: 'Exchange Online (Plan 2)', family: 'exchange', generation: 'current',
    skuPartNumber: 'EXCHANGEENTERPRISE', listPriceUsdCents: 800,
    services: ['exchange'], dataServices: { exchange: 3 },
  },
  {
    id: 'exchange-online-kiosk', name: 'Exchange Online Kiosk', family: 'exchange', generation: 'current',
    skuPartNumber: 'EXCHANGEDESKLESS', listPriceUsdCents: 200,
    services: ['exchange'], dataServices: { exchange: 1 },
  },
  {
    id: 'sharepoint-online-plan-1', name: 'SharePoint Online (Plan 1)', family: 'sharepoint', generation: 'current',
    skuPartNumber: 'SHAREPOINTSTANDARD', listPriceUsdCents: 500,
    services: ['sharepoint', 'onedrive'], dataServices: { sharepoint: 2, onedrive: 2 },
  },
  {
    id: 'sharepoint-online-plan-2', name: 'SharePoint Online (Plan 2)', family: 'sharepoint', generation: 'current',
    skuPartNumber: 'SHAREPOINTENTERPRISE', listPriceUsdCents: 1000,
    services: ['sharepoint', 'onedrive'], dataServices: { sharepoint: 3, onedrive: 2 },
  },

  // Older Office 365 plans: changed with the switch-plans wizard (nb article).
  {
    id: 'o365-small-business', name: 'Office 365 Small Business', family: 'small-business', generation: 'legacy',
    skuPartNumber: 'LITEPACK', listPriceUsdCents: 600,
    services: OLDER_SUITE, dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, lync: 2 },
  },
  {
    id: 'o365-small-business-premium', name: 'Office 365 Small Business Premium', family: 'small-business', generation: 'legacy',
    skuPartNumber: 'LITEPACK_P2', listPriceUsdCents: 1250,
    services: [...OLDER_SUITE, 'office-apps'], dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, lync: 2 },
  },
  {
    id: 'o365-midsize-business', name: 'Office 365 Midsize Business', family: 'midsize', generation: 'legacy',
    skuPartNumber: 'MIDSIZEPACK', listPriceUsdCents: 1500,
    services: [...OLDER_SUITE, 'yammer', 'office-apps'], dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, yammer: 1, lync: 2 },
  },
  {
    // K1's old skuPartNumber DESKLESSPACK now names Office 365 F3, so K1 has none of its own here.
    id: 'o365-k1', name: 'Office 365 Enterprise K1', family: 'enterprise', generation: 'legacy',
    listPriceUsdCents: 400,
    services: ['exchange', 'sharepoint', 'onedrive'], dataServices: { exchange: 1, sharepoint: 1, onedrive: 1 },
  },
  {
    id: 'o365-k2', name: 'Office 365 Enterprise K2', family: 'enterprise', generation: 'legacy',
    skuPartNumber: 'DESKLESSWOFFPACK', listPriceUsdCents: 600,
    services: ['exchange', 'sharepoint', 'onedrive'], dataServices: { exchange: 1, sharepoint: 1, onedrive: 1 },
  },
  {
    id: 'o365-e4', name: 'Office 365 Enterprise E4', family: 'enterprise', generation: 'legacy',
    skuPartNumber: 'ENTERPRISEWITHSCAL', listPriceUsdCents: 2200,
    services: [...OLDER_SUITE, 'yammer', 'office-apps'], dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1, lync: 3 },
  },
  {
    id: 'lync-online-plan-1', name: 'Lync Online (Plan 1)', family: 'lync', generation: 'legacy',
    skuPartNumber: 'MCOLITE', listPriceUsdCents: 200,
    services: ['lync'], dataServices: { lync: 1 },
  },
  {
    id: 'lync-online-plan-2', name: 'Lync Online (Plan 2)', family: 'lync', generation: 'legacy',
    skuPartNumber: 'MCOSTANDARD', listPriceUsdCents: 550,
    services: ['lync'], dataServices: { lync: 2 },
  },
  {
    id: 'lync-online-plan-3', name: 'Lync Online (Plan 3)', family: 'lync', generation: 'legacy',
    skuPartNumber: 'MCOVOICECONF', listPriceUsdCents: 800,
    services: ['lync'], dataServices: { lync: 3 },
  },
  {
    id: 'o365-education-a1', name: 'Office 365 Education A1', family: 'education', generation: 'legacy',
    listPriceUsdCents: 0,
    services: OLDER_SUITE, dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, lync: 2 },
  },
  {
    id: 'o365-education-a2', name: 'Office 365 Education A2', family: 'education', generation: 'legacy',
    listPriceUsdCents: 0,
    services: [...OLDER_SUITE, 'yammer'], dataServices: { exchange: 2, sharepoint: 2, onedrive: 2, yammer: 1, lync: 2 },
  },
  {
    id: 'o365-education-a3', name: 'Office 365 Education A3', family: 'education', generation: 'legacy',
    listPriceUsdCents: 250,
    services: [...OLDER_SUITE, 'yammer', 'office-apps'], dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1, lync: 2 },
  },
  {
    id: 'o365-education-a4', name: 'Office 365 Education A4', family: 'education', generation: 'legacy',
    listPriceUsdCents: 600,
    services: [...OLDER_SUITE, 'yammer', 'office-apps'], dataServices: { exchange: 3, sharepoint: 3, onedrive: 2, yammer: 1, lync: 3 },
  },
  {
    id: 'office-online-sharepoint-plan-1', name: 'Office Online with SharePoint Online (Plan 1)', family: 'office-online', generation: 'legacy',
    listPriceUsdCents: 700,
    services: ['sharepoint', 'onedrive'], dataServices: { sharepoint: 2, onedrive: 2 },
  },
  {
    id: 'office-online-sharepoint-plan-2', name: 'Office Online with SharePoint Online (Plan 2)', family: 'office-online', generation: 'legacy',
    listPriceUsdCents: 1200,
    services: ['sharepoint', 'onedrive'], dataServices: { sharepoint: 3, onedrive: 2 },
  },
];
