import type { Service } from '../../domain/vocabulary';

// Service plans as data: Microsoft's published list "Product names and service plan identifiers for
// licensing" (its CSV: Product_Display_Name, String_Id = skuPartNumber, GUID = skuId, Service_Plan_Name,
// Service_Plan_Id, Service_Plans_Included_Friendly_Names), for the SKUs the catalogue names, and for
// each service plan the contract services (contract.md) it carries. [] means none of them.

export const SERVICE_PLAN_SOURCE = {
  title: 'Product names and service plan identifiers for licensing',
  url: 'https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference',
  /** When the rows below were taken from the list. */
  taken: '2026-12-04',
} as const;

export interface ServicePlanRow {
  /** Service_Plan_Id */
  id: string;
  /** Service_Plan_Name */
  name: string;
  /** Service_Plans_Included_Friendly_Names */
  friendlyName: string;
  services: readonly Service[];
}

export interface SkuRow {
  /** GUID: the skuId */
  skuId: string;
  /** Product_Display_Name */
  productName: string;
  servicePlanIds: readonly string[];
}

const NONE: readonly Service[] = [];
const EXCHANGE: readonly Service[] = ['exchange'];
// A SharePoint plan holds the user's OneDrive for Business too: switched off, both go.
const SHAREPOINT: readonly Service[] = ['sharepoint', 'onedrive'];
const ONEDRIVE: readonly Service[] = ['onedrive'];
const TEAMS: readonly Service[] = ['teams'];
const YAMMER: readonly Service[] = ['yammer'];
const LYNC: readonly Service[] = ['lync'];
const OFFICE_APPS: readonly Service[] = ['office-apps'];

const plan = (id: string, name: string, friendlyName: string, services: readonly Service[]): ServicePlanRow => ({ id, name, friendlyName, services });

export const SERVICE_PLANS: readonly ServicePlanRow[] = [
  // Mail
  plan('9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'EXCHANGE_S_STANDARD', 'Exchange Online (Plan 1)', EXCHANGE),
  plan('efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE', 'Exchange Online (Plan 2)', EXCHANGE),
  plan('4a82b400-a79f-41a4-b4e2-e94f5787b113', 'EXCHANGE_S_DESKLESS', 'Exchange Online Kiosk', EXCHANGE),
  // The directory's foundation plan, in SKUs without a mailbox too: no mailbox of its own.
  plan('113feb6c-3fe4-4440-bddc-54d774bf0318', 'EXCHANGE_S_FOUNDATION', 'Exchange Foundation', NONE),
  // SharePoint and OneDrive
  plan('c7699d2e-19aa-44de-8edf-1736da088ca1', 'SHAREPOINTSTANDARD', 'SharePoint (Plan 1)', SHAREPOINT),
  plan('5dbe027f-2339-4123-9542-606e4d348a72', 'SHAREPOINTENTERPRISE', 'SharePoint (Plan 2)', SHAREPOINT),
  plan('902b47e5-dcb2-4fdc-858b-c63a90a2bdb9', 'SHAREPOINTDESKLESS', 'SharePoint Online Kiosk', SHAREPOINT),
  // Office for the web (Word, Excel, PowerPoint in the browser): neither OneDrive nor the desktop apps.
  plan('e95bec33-7c88-4a70-8e19-b10bd9d0c014', 'SHAREPOINTWAC', 'Office for the Web', NONE),
  plan('13696edf-5a08-49f6-8134-03083ed8ba30', 'ONEDRIVESTANDARD', 'OneDrive for Business (Plan 1)', ONEDRIVE),
  // Teams, Viva Engage (Yammer), Skype for Business
  plan('57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1', 'Microsoft Teams', TEAMS),
  plan('7547a3fe-08ee-4ccb-b430-5077c5041653', 'YAMMER_ENTERPRISE', 'Yammer Enterprise', YAMMER),
  plan('0feaeb32-d00e-4d66-bd5a-43b5b83db82c', 'MCOSTANDARD', 'Skype for Business Online (Plan 2)', LYNC),
  plan('afc06cb0-b4f4-4473-8286-d644f70d8faf', 'MCOIMP', 'Skype for Business Online (Plan 1)', LYNC),
  plan('4828c8ec-dc2e-4779-b502-87ac9ce28ab7', 'MCOEV', 'Microsoft 365 Phone System', LYNC),
  plan('3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40', 'MCOMEETADV', 'Microsoft 365 Audio Conferencing', LYNC),
  // Office apps
  plan('43de0ff5-c92c-492b-9116-175376d08c38', 'OFFICESUBSCRIPTION', 'Microsoft 365 Apps for Enterprise', OFFICE_APPS),
  plan('094e7854-93fc-4d55-b2c0-3ab5369ebdc1', 'OFFICE_BUSINESS', 'Microsoft 365 Apps for Business', OFFICE_APPS),
  // Neither mail, files, chat nor the desktop apps
  plan('882e1d05-acd1-4ccb-8708-6ee03664b117', 'INTUNE_O365', 'Mobile Device Management for Office 365', NONE),
  plan('a23b959c-7ce8-4e57-9140-b90eb88a9e97', 'SWAY', 'Sway', NONE),
];

/** By skuPartNumber (String_Id). */
export const SKUS: Readonly<Record<string, SkuRow>> = {};

/** Plans the table lacks (newer than it): by the start of their name, first match wins. */
export const SERVICE_PLAN_NAME_PREFIXES: readonly { prefix: string; services: readonly Service[] }[] = [
  { prefix: 'SHAREPOINTWAC', services: NONE },
  { prefix: 'SHAREPOINTSTORAGE', services: NONE },
  { prefix: 'SHAREPOINT', services: SHAREPOINT },
  { prefix: 'ONEDRIVE', services: ONEDRIVE },
  { prefix: 'EXCHANGE_S_FOUNDATION', services: NONE },
  { prefix: 'EXCHANGE_ANALYTICS', services: NONE },
  { prefix: 'EXCHANGE_S_', services: EXCHANGE },
  { prefix: 'TEAMS', services: TEAMS },
  { prefix: 'YAMMER', services: YAMMER },
  { prefix: 'MCO', services: LYNC },
  { prefix: 'OFFICESUBSCRIPTION', services: OFFICE_APPS },
  { prefix: 'OFFICE_BUSINESS', services: OFFICE_APPS },
];
