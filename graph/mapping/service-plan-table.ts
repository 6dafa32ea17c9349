import type { Service } from '../../domain/vocabulary';

// Service plans as data, from Microsoft's published list "Product names and service plan identifiers
// for licensing" (its CSV columns: Product_Display_Name, String_Id = skuPartNumber, GUID = skuId,
// Service_Plan_Name, Service_Plan_Id, Service_Plans_Included_Friendly_Names): the service plans of
// every SKU the catalogue names, and the common plans of other SKUs, each with the contract services
// (contract.md: exchange, sharepoint, onedrive, teams, yammer, lync, office-apps) it carries.
// [] means none of them. Graph's subscribedSku.servicePlans of the tenant stay the truth for its own
// SKUs; this table names what each plan is and lets a SKU the tenant lacks be known ahead.

export const SERVICE_PLAN_SOURCE = {
  title: 'Product names and service plan identifiers for licensing',
  url: 'https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference',
  /** The day these rows were taken from a copy of the list's CSV. */
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
  /** GUID (the skuId); null for a retired SKU the list no longer holds. */
  skuId: string | null;
  /** Product_Display_Name */
  productName: string;
  /** Service_Plan_Name of each of its service plans, as the list gives them. */
  servicePlans: readonly string[];
}

const NONE: readonly Service[] = [];
const EXCHANGE: readonly Service[] = ['exchange'];
// SharePoint holds the user's OneDrive for Business: a SharePoint plan switched off takes OneDrive with it.
const SHAREPOINT: readonly Service[] = ['sharepoint', 'onedrive'];
const ONEDRIVE: readonly Service[] = ['onedrive'];
const TEAMS: readonly Service[] = ['teams'];
const YAMMER: readonly Service[] = ['yammer'];
const LYNC: readonly Service[] = ['lync'];
const OFFICE_APPS: readonly Service[] = ['office-apps'];

const plan = (id: string, name: string, friendlyName: string, services: readonly Service[]): ServicePlanRow => ({ id, name, friendlyName, services });

export const SERVICE_PLANS: readonly ServicePlanRow[] = [
  // Mail (Exchange Online)
  plan('90927877-dcff-4af6-b346-2332c0b15bb7', 'EXCHANGE_B_STANDARD', 'Exchange Online POP', EXCHANGE),
  plan('d42bdbd6-c335-4231-ab3d-c8f348d5aff5', 'EXCHANGE_L_STANDARD', 'Exchange Online (P1)', EXCHANGE),
  plan('4a82b400-a79f-41a4-b4e2-e94f5787b113', 'EXCHANGE_S_DESKLESS', 'Exchange Online Kiosk', EXCHANGE),
  plan('efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE', 'Exchange Online (Plan 2)', EXCHANGE),
  plan('8c3069c0-ccdb-44be-ab77-986203a67df2', 'EXCHANGE_S_ENTERPRISE_GOV', 'Exchange Plan 2G', EXCHANGE),
  plan('1126bef5-da20-4f07-b45e-ad25d2581aa8', 'EXCHANGE_S_ESSENTIALS', 'Exchange Essentials', EXCHANGE),
  plan('9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'EXCHANGE_S_STANDARD', 'Exchange Online (Plan 1)', EXCHANGE),
  plan('fc52cc4b-ed7d-472d-bbe7-b081c23ecc56', 'EXCHANGE_S_STANDARD_MIDMARKET', 'Exchange Online Plan 1 (Midsize)', EXCHANGE),
  // SharePoint: a SharePoint plan holds the user's OneDrive for Business too
  plan('902b47e5-dcb2-4fdc-858b-c63a90a2bdb9', 'SHAREPOINTDESKLESS', 'SharePoint Online Kiosk', SHAREPOINT),
  plan('5dbe027f-2339-4123-9542-606e4d348a72', 'SHAREPOINTENTERPRISE', 'SharePoint Online (Plan 2)', SHAREPOINT),
  plan('63038b2c-28d0-45f6-bc36-33062963b498', 'SHAREPOINTENTERPRISE_EDU', 'SharePoint (Plan 2) for Education', SHAREPOINT),
  plan('153f85dd-d912-4762-af6c-d6e0fb4f6692', 'SHAREPOINTENTERPRISE_GOV', 'SharePoint Plan 2G', SHAREPOINT),
  plan('6b5b6a67-fc72-4a1f-a2b5-beecf05de761', 'SHAREPOINTENTERPRISE_MIDMARKET', 'SharePoint Plan 1 (Midsize)', SHAREPOINT),
  plan('a1f3d0a8-84c0-4ae0-bae4-685917b8ab48', 'SHAREPOINTLITE', 'SharePoint Lite', SHAREPOINT),
  plan('c7699d2e-19aa-44de-8edf-1736da088ca1', 'SHAREPOINTSTANDARD', 'SharePoint Online (Plan 1)', SHAREPOINT),
  // OneDrive for Business on its own
  plan('afcafa6a-d966-4462-918c-ec0b4e0fe642', 'ONEDRIVEENTERPRISE', 'OneDrive for Business (Plan 2)', ONEDRIVE),
  plan('13696edf-5a08-49f6-8134-03083ed8ba30', 'ONEDRIVESTANDARD', 'OneDrive for Business (Plan 1)', ONEDRIVE),
  plan('da792a53-cbc0-4184-a10d-e544dd34b3c1', 'ONEDRIVE_BASIC', 'OneDrive for Business (Basic)', ONEDRIVE),
  // Microsoft Teams
  plan('42a3ec34-28ba-46b6-992f-db53a675ac5b', 'MCO_TEAMS_IW', 'Microsoft Teams', TEAMS),
  plan('57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1', 'Microsoft Teams', TEAMS),
  plan('fd500458-c24c-478e-856c-a6067a8376cd', 'TEAMS_AR_DOD', 'Microsoft Teams for DOD (AR)', TEAMS),
  plan('9953b155-8aef-4c56-92f3-72b0487fce41', 'TEAMS_AR_GCCHIGH', 'Microsoft Teams for GCCHigh (AR)', TEAMS),
  plan('304767db-7d23-49e8-a945-4a7eb65f9f28', 'TEAMS_GOV', 'Microsoft Teams for Government', TEAMS),
  // Viva Engage (Yammer)
  plan('2078e8df-cff6-4290-98cb-5408261a760a', 'YAMMER_EDU', 'Yammer for Academic', YAMMER),
  plan('7547a3fe-08ee-4ccb-b430-5077c5041653', 'YAMMER_ENTERPRISE', 'Yammer Enterprise', YAMMER),
  plan('41bf139a-4e60-409f-9346-a1361efc6dfb', 'YAMMER_MIDSIZE', 'Yammer Midsize', YAMMER),
  // Skype for Business (Lync) and its voice add-ons
  plan('4828c8ec-dc2e-4779-b502-87ac9ce28ab7', 'MCOEV', 'Microsoft 365 Phone System', LYNC),
  plan('db23fce2-a974-42ef-9002-d78dd42a0f22', 'MCOEV_GOV', 'Microsoft 365 Phone System for Government', LYNC),
  plan('afc06cb0-b4f4-4473-8286-d644f70d8faf', 'MCOIMP', 'Skype for Business Online (Plan 1)', LYNC),
  plan('70710b6b-3ab4-4a38-9f6d-9f169461650a', 'MCOLITE', 'Skype for Business Online (Plan P1)', LYNC),
  plan('3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40', 'MCOMEETADV', 'Microsoft 365 Audio Conferencing', LYNC),
  plan('f544b08d-1645-4287-82de-8d91f37c02a1', 'MCOMEETADV_GOV', 'Microsoft 365 Audio Conferencing for Government', LYNC),
  plan('4ed3ff63-69d7-4fb7-b984-5aec7f605ca8', 'MCOPSTN1', 'Microsoft 365 Domestic Calling Plan', LYNC),
  plan('5a10155d-f5c1-411a-a8ec-e99aae125390', 'MCOPSTN2', 'Domestic and International Calling Plan', LYNC),
  plan('0feaeb32-d00e-4d66-bd5a-43b5b83db82c', 'MCOSTANDARD', 'Skype for Business Online (Plan 2)', LYNC),
  plan('a31ef4a2-f787-435e-8335-e47eb0cafc94', 'MCOSTANDARD_GOV', 'Skype for Business Online (Plan 2) for Government', LYNC),
  plan('b2669e95-76ef-4e7e-a367-002f60a39f3e', 'MCOSTANDARD_MIDMARKET', 'Skype for Business Online (Plan 2) for Midsize', LYNC),
  plan('27216c54-caf8-4d0d-97e2-517afb5c08f6', 'MCOVOICECONF', 'Skype for Business Online (Plan 3)', LYNC),
  // The Office desktop apps
  plan('43de0ff5-c92c-492b-9116-175376d08c38', 'OFFICESUBSCRIPTION', 'Microsoft 365 Apps for Enterprise', OFFICE_APPS),
  plan('de9234ff-6483-44d9-b15e-dca72fdd27af', 'OFFICESUBSCRIPTION_GOV', 'Microsoft 365 Apps for enterprise G', OFFICE_APPS),
  plan('8d77e2d9-9e28-4450-8431-0def64078fc5', 'OFFICESUBSCRIPTION_unattended', 'Microsoft 365 Apps for Enterprise (Unattended)', OFFICE_APPS),
  plan('094e7854-93fc-4d55-b2c0-3ab5369ebdc1', 'OFFICE_BUSINESS', 'Office 365 Business', OFFICE_APPS),
  plan('8ca59559-e2ca-470b-b7dd-afd8c0dee963', 'OFFICE_PRO_PLUS_SUBSCRIPTION_SMBIZ', 'Office 365 Small Business Subscription', OFFICE_APPS),
  // None of the contract's services: Office for the web (SHAREPOINTWAC), the Office mobile apps, the Exchange foundation and archive plans, security, compliance, Power Platform, Windows, ...
  plan('41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM', 'Azure Active Directory Premium P1', NONE),
  plan('eec0eb4f-6444-4f95-aba0-50c24d67f998', 'AAD_PREMIUM_P2', 'Azure Active Directory Premium P2', NONE),
  plan('de377cbc-0019-4ec2-b77c-3f223947e102', 'AAD_SMB', 'Azure Active Directory', NONE),
  plan('932ad362-64a8-4783-9106-97849a1a30b9', 'ADALLOM_S_DISCOVERY', 'Cloud App Security Discovery', NONE),
  plan('8c098270-9dd4-4350-9b30-ba4703f3b36b', 'ADALLOM_S_O365', 'Office 365 Advanced Security Management', NONE),
  plan('2e2ddb96-6af9-4b1d-a3f0-d6ecfd22edb2', 'ADALLOM_S_STANDALONE', 'Microsoft Cloud App Security', NONE),
  plan('14ab5db5-e6c4-4b20-b4bc-13e36fd2227f', 'ATA', 'Microsoft Defender for Identity', NONE),
  plan('f20fedf3-f3c3-43c3-8267-2bfdd51c0939', 'ATP_ENTERPRISE', 'Microsoft Defender for Office 365 (Plan 1)', NONE),
  plan('70d33638-9c74-4d01-bfd3-562de28bd4ba', 'BI_AZURE_P2', 'Power BI Pro', NONE),
  plan('5e62787c-c316-451f-b873-1d05acd4d12c', 'BPOS_S_TODO_1', 'To-Do (Plan 1)', NONE),
  plan('c87f142c-d1e9-4363-8630-aaea9c4d9ae5', 'BPOS_S_TODO_2', 'To-Do (Plan 2)', NONE),
  plan('3fb82609-8c27-4f7b-bd51-30634711ee67', 'BPOS_S_TODO_3', 'To-Do (Plan 3)', NONE),
  plan('80873e7a-cd2a-4e67-b061-1b5381a676a5', 'BPOS_S_TODO_FIRSTLINE', 'To-Do (Firstline)', NONE),
  plan('90db65a7-bf11-4904-a79f-ef657605145b', 'CDS_O365_F1', 'Common Data Service for Teams_F1', NONE),
  plan('95b76021-6a53-4741-ab8b-1d1f3d66a95a', 'CDS_O365_P2', 'Common Data Service for Teams_P2', NONE),
  plan('afa73018-811e-46e9-988f-f75d2b1b8430', 'CDS_O365_P3', 'Common Data Service for Teams_P3', NONE),
  plan('41fcdd7d-4733-4863-9cf4-c65b83ce2df4', 'COMMUNICATIONS_COMPLIANCE', 'Microsoft Communications Compliance', NONE),
  plan('6dc145d6-95dd-4191-b9c3-185575ee6f6b', 'COMMUNICATIONS_DLP', 'Microsoft Communications DLP', NONE),
  plan('2b815d45-56e4-4e3a-b65c-66cb9175b560', 'ContentExplorer_Standard', 'Information Protection and Governance Analytics - Standard', NONE),
  plan('d9fa6af4-e046-4c89-9226-729a0786685d', 'Content_Explorer', 'Information Protection and Governance Analytics - Premium', NONE),
  plan('6db1f1db-2b46-403f-be40-e39395f08dbb', 'CUSTOMER_KEY', 'Microsoft Customer Key', NONE),
  plan('46129a58-a698-46f0-aa5b-17f6586297d9', 'DATA_INVESTIGATIONS', 'Microsoft Data Investigations', NONE),
  plan('8c7d2df8-86f0-4902-b2ed-a0458298f3b3', 'Deskless', 'Microsoft StaffHub', NONE),
  plan('ca6e61ec-d4f4-41eb-8b88-d96e0e14323f', 'DYN365_CDS_O365_F1', 'Common Data Service - O365 F1', NONE),
  plan('4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14', 'DYN365_CDS_O365_P2', 'Common Data Service - O365 P2', NONE),
  plan('28b0fa46-c39a-4188-89e2-58e979a6b014', 'DYN365_CDS_O365_P3', 'Common Data Service - O365 P3', NONE),
  plan('4de31727-a228-4ec3-a5bf-8e45b5ca48cc', 'EQUIVIO_ANALYTICS', 'Office 365 Advanced eDiscovery', NONE),
  plan('531ee2f8-b1cb-453b-9c21-d2180d014ca5', 'EXCEL_PREMIUM', 'Microsoft Excel Advanced Analytics', NONE),
  plan('34c0d7a0-a70f-4668-9238-47f9fc208882', 'EXCHANGE_ANALYTICS', 'Microsoft MyAnalytics (Full)', NONE),
  plan('da040e0a-b393-4bea-bb76-928b3fa1cf5a', 'EXCHANGE_S_ARCHIVE', 'Exchange Online Archiving for Exchange Server', NONE),
  plan('176a09a6-7ec5-4039-ac02-b2791c6ba793', 'EXCHANGE_S_ARCHIVE_ADDON', 'Exchange Online Archiving for Exchange Online', NONE),
  plan('113feb6c-3fe4-4440-bddc-54d774bf0318', 'EXCHANGE_S_FOUNDATION', 'Exchange Foundation', NONE),
  plan('0f9b09cb-62d1-4ff4-9129-43f4996f83f4', 'FLOW_O365_P1', 'Flow for Office 365', NONE),
  plan('76846ad7-7776-4c40-a281-a386362dd1b9', 'FLOW_O365_P2', 'Flow for Office 365', NONE),
  plan('07699545-9485-468e-95b6-2fca3738be01', 'FLOW_O365_P3', 'Flow for Office 365', NONE),
  plan('bd91b1a4-9f94-4ecf-b45b-3a65e5c8128a', 'FLOW_O365_S1', 'Power Automate for Office 365 F3', NONE),
  plan('159f4cd6-e380-449f-a816-af1a9ef76344', 'FORMS_PLAN_E1', 'Microsoft Forms (Plan E1)', NONE),
  plan('2789c901-c14e-48ab-a76a-be334d9d793a', 'FORMS_PLAN_E3', 'Microsoft Forms (Plan E3)', NONE),
  plan('e212cbc7-0961-4c40-9825-01117710dcb1', 'FORMS_PLAN_E5', 'Microsoft Forms (Plan E5)', NONE),
  plan('f07046bd-2a3c-4b96-b0be-dea79d7cbfb8', 'FORMS_PLAN_K', 'Microsoft Forms (Plan F1)', NONE),
  plan('a6520331-d7d4-4276-95f5-15c0933bc757', 'GRAPH_CONNECTORS_SEARCH_INDEX', 'Graph Connectors Search with Index', NONE),
  plan('c4801e8a-cb58-4c35-aca6-f2dcc106f287', 'INFORMATION_BARRIERS', 'Information Barriers', NONE),
  plan('e26c2fcc-ab91-4a61-b35c-03cdc8dddf66', 'INFO_GOVERNANCE', 'Microsoft Information Governance', NONE),
  plan('c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A', 'Microsoft Intune', NONE),
  plan('882e1d05-acd1-4ccb-8708-6ee03664b117', 'INTUNE_O365', 'Mobile Device Management for Office 365', NONE),
  plan('8e9ff0ff-aa7a-4b20-83c1-2f636b600ac2', 'INTUNE_SMBIZ', 'Microsoft Intune', NONE),
  plan('73b2a583-6a59-42e3-8e83-54db46bc3278', 'KAIZALA_O365_P1', 'Microsoft Kaizala Pro Plan 1', NONE),
  plan('aebd3021-9f8f-4bf8-bbe3-0ed2f4f047a1', 'KAIZALA_O365_P3', 'Microsoft Kaizala Pro Plan 3', NONE),
  plan('0898bdbb-73b0-471a-81e5-20f1fe4dd66e', 'KAIZALA_STANDALONE', 'Microsoft Kaizala', NONE),
  plan('9f431833-0334-42de-a7dc-70aa40db46db', 'LOCKBOX_ENTERPRISE', 'Customer Lockbox', NONE),
  plan('2f442157-a11c-46b9-ae5b-6e39ff4e5849', 'M365_ADVANCED_AUDITING', 'Microsoft 365 Advanced Auditing', NONE),
  plan('8a256a2b-b617-496d-b51b-e76466e88db0', 'MFA_PREMIUM', 'Microsoft Azure Multi-Factor Authentication', NONE),
  plan('199a5c09-e0ca-4e37-8f7c-b05d533e1ea2', 'MICROSOFTBOOKINGS', 'Microsoft Bookings', NONE),
  plan('a413a9ff-720c-4822-98ef-2f37c2a21f4c', 'MICROSOFT_COMMUNICATION_COMPLIANCE', 'Microsoft 365 Communication Compliance', NONE),
  plan('94065c59-bc8e-4e8b-89e5-5138d471eaff', 'MICROSOFT_SEARCH', 'Microsoft Search', NONE),
  plan('5136a095-5cf0-4aff-bec3-e84448b38ea5', 'MIP_S_CLP1', 'Information Protection for Office 365 - Standard', NONE),
  plan('efb0351d-3b08-4503-993d-383af8de41e3', 'MIP_S_CLP2', 'Information Protection for Office 365 - Premium', NONE),
  plan('cd31b152-6326-4d1b-ae1b-997b625182e6', 'MIP_S_Exchange', 'Data Classification in Microsoft 365', NONE),
  plan('bf28f719-7844-4079-9c78-c1307898e192', 'MTP', 'Microsoft 365 Defender', NONE),
  plan('33c4f319-9bdd-48d6-9c4d-410b750a4a5a', 'MYANALYTICS_P2', 'Insights by MyAnalytics', NONE),
  plan('5bfe124c-bbdc-4494-8835-f1297d457d79', 'O365_SB_Relationship_Management', 'Outlook Customer Manager', NONE),
  plan('c63d4d19-e8cb-460e-b37c-4d6c34603745', 'OFFICEMOBILE_SUBSCRIPTION', 'OFFICEMOBILE_SUBSCRIPTION', NONE),
  plan('b1188c4c-1b36-4018-b48b-ee07604f6feb', 'PAM_ENTERPRISE', 'Office 365 Privileged Access Management', NONE),
  plan('92f7a6f3-b89b-4bbd-8c30-809e6da5ad1c', 'POWERAPPS_O365_P1', 'PowerApps for Office 365', NONE),
  plan('c68f8d98-5534-41c8-bf36-22fa496fa792', 'POWERAPPS_O365_P2', 'PowerApps for Office 365', NONE),
  plan('9c0dab89-a30c-4117-86e7-97bda240acd2', 'POWERAPPS_O365_P3', 'PowerApps for Office 365 Plan 3', NONE),
  plan('e0287f9f-e222-4f98-9a83-f379e249159a', 'POWERAPPS_O365_S1', 'Power Apps for Office 365 F3', NONE),
  plan('ba2fdb48-290b-4632-b46a-e4ecc58ac11a', 'POWER_VIRTUAL_AGENTS_O365_F1', 'Power Virtual Agents for Office 365 F1', NONE),
  plan('041fe683-03e4-45b6-b1af-c0cdc516daee', 'POWER_VIRTUAL_AGENTS_O365_P2', 'Power Virtual Agents for Office 365 P2', NONE),
  plan('ded3d325-1bdc-453e-8432-5bac26d7a014', 'POWER_VIRTUAL_AGENTS_O365_P3', 'Power Virtual Agents for Office 365 P3', NONE),
  plan('617b097b-4b93-4ede-83de-5f075bb5fb2f', 'PREMIUM_ENCRYPTION', 'Premium Encryption in Office 365', NONE),
  plan('b737dad2-2f6c-4c65-90e3-ca563267e8b9', 'PROJECTWORKMANAGEMENT', 'Microsoft Planner', NONE),
  plan('7f6f28c2-34bb-4d4b-be36-48ca2e77e1ec', 'PROJECT_O365_F3', 'Project for Office (Plan F)', NONE),
  plan('31b4e2fc-4cd6-4e7d-9c1b-41407303bd66', 'PROJECT_O365_P2', 'Project for Office (Plan E3)', NONE),
  plan('b21a6b06-1988-436e-a07b-51ec6d9f52ad', 'PROJECT_O365_P3', 'Project for Office (Plan E5)', NONE),
  plan('65cc641f-cccd-4643-97e0-a17e3045e541', 'RECORDS_MANAGEMENT', 'Microsoft Records Management', NONE),
  plan('31cf2cfc-6b0d-4adc-a336-88b724ed8122', 'RMS_S_BASIC', 'Microsoft Azure Rights Management Service', NONE),
  plan('bea4c11e-220a-4e6d-8eb8-8ea15d019f90', 'RMS_S_ENTERPRISE', 'Microsoft Azure Active Directory Rights', NONE),
  plan('6c57d4b6-3b23-47a5-9bc9-69f17b4947b3', 'RMS_S_PREMIUM', 'Azure Information Protection Premium P1', NONE),
  plan('5689bec4-755d-4753-8b61-40975025187c', 'RMS_S_PREMIUM2', 'Azure Information Protection Premium P2', NONE),
  plan('be5a7ed5-c598-4fcd-a061-5e6724c68a58', 'SHAREPOINTSTORAGE', 'Office 365 Extra File Storage', NONE),
  plan('e95bec33-7c88-4a70-8e19-b10bd9d0c014', 'SHAREPOINTWAC', 'Office for the web', NONE),
  plan('e03c7e47-402c-463c-ab25-949079bedb21', 'SHAREPOINTWAC_EDU', 'Office for the Web for Education', NONE),
  plan('8f9f0f3b-ca90-406c-a842-95579171f8ec', 'SHAREPOINTWAC_GOV', 'Office for the web (Government)', NONE),
  plan('743dd19e-1ce3-4c62-a3ad-49ba8f63a2f6', 'STREAM_O365_E1', 'Microsoft Stream for O365 E1 SKU', NONE),
  plan('9e700747-8b1d-45e5-ab8d-ef187ceec156', 'STREAM_O365_E3', 'Microsoft Stream for O365 E3 SKU', NONE),
  plan('6c6042f5-6f01-4d67-b8c1-eb99d36eed3e', 'STREAM_O365_E5', 'Microsoft Stream for O365 E5 SKU', NONE),
  plan('3ffba0d2-38e5-4d5e-8ec0-98f2b05c09d9', 'STREAM_O365_K', 'Microsoft Stream for O365 K SKU', NONE),
  plan('a23b959c-7ce8-4e57-9140-b90eb88a9e97', 'SWAY', 'Sway', NONE),
  plan('8e0c0a52-6a6c-4d40-8370-dd62790dcd70', 'THREAT_INTELLIGENCE', 'Microsoft Defender for Office 365 (Plan 2)', NONE),
  plan('795f6fe0-cc4d-4773-b050-5dde4dc704c9', 'UNIVERSAL_PRINT_01', 'Universal Print', NONE),
  plan('b76fb638-6ba6-402a-b9f9-83d28acb3d86', 'VIVA_LEARNING_SEEDED', 'Viva Learning Seeded', NONE),
  plan('36b29273-c6d0-477a-aca6-6fbe24f538e3', 'WHITEBOARD_FIRSTLINE1', 'Whiteboard (Firstline)', NONE),
  plan('94a54592-cd8b-425e-87c6-97868b000b91', 'WHITEBOARD_PLAN2', 'Whiteboard (Plan 2)', NONE),
  plan('4a51bca5-1eff-43f5-878c-177680f191af', 'WHITEBOARD_PLAN3', 'Whiteboard (Plan 3)', NONE),
  plan('e041597c-9c7f-4ed9-99b0-2663301576f7', 'WIN10_ENT_LOC_F1', 'Windows 10 Enterprise E3 (local only)', NONE),
  plan('21b439ba-a0ca-424f-a6cc-52f954a5b111', 'WIN10_PRO_ENT_SUB', 'Windows 10 Enterprise (Original)', NONE),
  plan('8e229017-d77b-43d5-9305-903395523b99', 'WINBIZ', 'Windows 10 Business', NONE),
  plan('871d91ec-ec1a-452b-a83f-bd76c7d770ef', 'WINDEFATP', 'Microsoft Defender for Endpoint', NONE),
  plan('7bf960f6-2cd9-443a-8046-5dbff9558365', 'WINDOWSUPDATEFORBUSINESS_DEPLOYMENTSERVICE', 'Windows Update for Business Deployment Service', NONE),
];

/**
 * By skuPartNumber (String_Id). The three retired SKUs (K2, Lync Online Plan 1 and Plan 3) are no longer
 * in the list: their plans are the list's plans of the same names (EXCHANGE_S_DESKLESS, MCOLITE, …).
 */
export const SKUS: Readonly<Record<string, SkuRow>> = {
  O365_BUSINESS_ESSENTIALS: {
    skuId: '3b555118-da6a-4418-894f-7df1e2096870',
    productName: 'Microsoft 365 Business Basic',
    servicePlans: ['BPOS_S_TODO_1', 'EXCHANGE_S_STANDARD', 'FLOW_O365_P1', 'FORMS_PLAN_E1', 'MCOSTANDARD', 'OFFICEMOBILE_SUBSCRIPTION', 'POWERAPPS_O365_P1', 'PROJECTWORKMANAGEMENT', 'SHAREPOINTSTANDARD', 'SHAREPOINTWAC', 'SWAY', 'TEAMS1', 'YAMMER_ENTERPRISE'],
  },
  O365_BUSINESS_PREMIUM: {
    skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
    productName: 'Microsoft 365 Business Standard',
    servicePlans: ['BPOS_S_TODO_1', 'Deskless', 'EXCHANGE_S_STANDARD', 'FLOW_O365_P1', 'FORMS_PLAN_E1', 'MCOSTANDARD', 'MICROSOFTBOOKINGS', 'O365_SB_Relationship_Management', 'OFFICE_BUSINESS', 'POWERAPPS_O365_P1', 'PROJECTWORKMANAGEMENT', 'SHAREPOINTSTANDARD', 'SHAREPOINTWAC', 'SWAY', 'TEAMS1', 'YAMMER_ENTERPRISE'],
  },
  SPB: {
    skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
    productName: 'Microsoft 365 Business Premium',
    servicePlans: ['AAD_SMB', 'BPOS_S_TODO_1', 'Deskless', 'EXCHANGE_S_ARCHIVE_ADDON', 'EXCHANGE_S_STANDARD', 'FLOW_O365_P1', 'FORMS_PLAN_E1', 'INTUNE_A', 'INTUNE_SMBIZ', 'MCOSTANDARD', 'MICROSOFTBOOKINGS', 'O365_SB_Relationship_Management', 'OFFICE_BUSINESS', 'POWERAPPS_O365_P1', 'PROJECTWORKMANAGEMENT', 'RMS_S_ENTERPRISE', 'RMS_S_PREMIUM', 'SHAREPOINTSTANDARD', 'SHAREPOINTWAC', 'STREAM_O365_E1', 'SWAY', 'TEAMS1', 'WINBIZ', 'YAMMER_ENTERPRISE'],
  },
  SPE_E3: {
    skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    productName: 'Microsoft 365 E3',
    servicePlans: ['AAD_PREMIUM', 'ADALLOM_S_DISCOVERY', 'BPOS_S_TODO_2', 'Deskless', 'EXCHANGE_S_ENTERPRISE', 'FLOW_O365_P2', 'FORMS_PLAN_E3', 'INTUNE_A', 'MCOSTANDARD', 'MFA_PREMIUM', 'OFFICESUBSCRIPTION', 'POWERAPPS_O365_P2', 'PROJECTWORKMANAGEMENT', 'RMS_S_ENTERPRISE', 'RMS_S_PREMIUM', 'SHAREPOINTENTERPRISE', 'SHAREPOINTWAC', 'STREAM_O365_E3', 'SWAY', 'TEAMS1', 'WIN10_PRO_ENT_SUB', 'YAMMER_ENTERPRISE'],
  },
  SPE_E5: {
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    productName: 'Microsoft 365 E5',
    servicePlans: ['MCOMEETADV', 'AAD_PREMIUM', 'AAD_PREMIUM_P2', 'ATA', 'RMS_S_PREMIUM', 'RMS_S_PREMIUM2', 'LOCKBOX_ENTERPRISE', 'EXCHANGE_S_ENTERPRISE', 'FLOW_O365_P3', 'INFORMATION_BARRIERS', 'MIP_S_CLP2', 'MIP_S_CLP1', 'MYANALYTICS_P2', 'RMS_S_ENTERPRISE', 'MFA_PREMIUM', 'ADALLOM_S_STANDALONE', 'WINDEFATP', 'FORMS_PLAN_E5', 'INTUNE_A', 'KAIZALA_STANDALONE', 'EXCHANGE_ANALYTICS', 'PROJECTWORKMANAGEMENT', 'MICROSOFT_SEARCH', 'Deskless', 'STREAM_O365_E5', 'TEAMS1', 'INTUNE_O365', 'EQUIVIO_ANALYTICS', 'ADALLOM_S_O365', 'ATP_ENTERPRISE', 'THREAT_INTELLIGENCE', 'PAM_ENTERPRISE', 'OFFICESUBSCRIPTION', 'SHAREPOINTWAC', 'MCOEV', 'BI_AZURE_P2', 'POWERAPPS_O365_P3', 'PREMIUM_ENCRYPTION', 'SHAREPOINTENTERPRISE', 'MCOSTANDARD', 'SWAY', 'BPOS_S_TODO_3', 'WHITEBOARD_PLAN3', 'WIN10_PRO_ENT_SUB', 'YAMMER_ENTERPRISE'],
  },
  O365_BUSINESS: {
    skuId: 'cdd28e44-67e3-425e-be4c-737fab2899d3',
    productName: 'Microsoft 365 Apps for business',
    servicePlans: ['FORMS_PLAN_E1', 'OFFICE_BUSINESS', 'ONEDRIVESTANDARD', 'SHAREPOINTWAC', 'SWAY'],
  },
  OFFICESUBSCRIPTION: {
    skuId: 'c2273bd0-dff7-4215-9ef5-2c7bcfb06425',
    productName: 'Microsoft 365 Apps for enterprise',
    servicePlans: ['FORMS_PLAN_E1', 'OFFICESUBSCRIPTION', 'ONEDRIVESTANDARD', 'SHAREPOINTWAC', 'SWAY'],
  },
  STANDARDPACK: {
    skuId: '18181a46-0d4e-45cd-891e-60aabd171b4e',
    productName: 'Office 365 E1',
    servicePlans: ['BPOS_S_TODO_1', 'Deskless', 'EXCHANGE_S_STANDARD', 'FLOW_O365_P1', 'FORMS_PLAN_E1', 'MCOSTANDARD', 'OFFICEMOBILE_SUBSCRIPTION', 'POWERAPPS_O365_P1', 'PROJECTWORKMANAGEMENT', 'SHAREPOINTSTANDARD', 'SHAREPOINTWAC', 'STREAM_O365_E1', 'SWAY', 'TEAMS1', 'YAMMER_ENTERPRISE'],
  },
  ENTERPRISEPACK: {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    productName: 'Office 365 E3',
    servicePlans: ['DYN365_CDS_O365_P2', 'CDS_O365_P2', 'EXCHANGE_S_ENTERPRISE', 'ContentExplorer_Standard', 'MIP_S_CLP1', 'MYANALYTICS_P2', 'OFFICESUBSCRIPTION', 'RMS_S_ENTERPRISE', 'MICROSOFTBOOKINGS', 'FORMS_PLAN_E3', 'KAIZALA_O365_P3', 'PROJECTWORKMANAGEMENT', 'MICROSOFT_SEARCH', 'Deskless', 'STREAM_O365_E3', 'TEAMS1', 'INTUNE_O365', 'SHAREPOINTWAC', 'POWERAPPS_O365_P2', 'FLOW_O365_P2', 'POWER_VIRTUAL_AGENTS_O365_P2', 'PROJECT_O365_P2', 'SHAREPOINTENTERPRISE', 'MCOSTANDARD', 'SWAY', 'BPOS_S_TODO_2', 'VIVA_LEARNING_SEEDED', 'WHITEBOARD_PLAN2', 'YAMMER_ENTERPRISE'],
  },
  ENTERPRISEPREMIUM: {
    skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
    productName: 'Office 365 E5',
    servicePlans: ['DYN365_CDS_O365_P3', 'CDS_O365_P3', 'LOCKBOX_ENTERPRISE', 'MIP_S_Exchange', 'EXCHANGE_S_ENTERPRISE', 'GRAPH_CONNECTORS_SEARCH_INDEX', 'INFORMATION_BARRIERS', 'Content_Explorer', 'ContentExplorer_Standard', 'MIP_S_CLP2', 'MIP_S_CLP1', 'MYANALYTICS_P2', 'MICROSOFT_COMMUNICATION_COMPLIANCE', 'M365_ADVANCED_AUDITING', 'OFFICESUBSCRIPTION', 'MCOMEETADV', 'MTP', 'MCOEV', 'RMS_S_ENTERPRISE', 'MICROSOFTBOOKINGS', 'COMMUNICATIONS_DLP', 'CUSTOMER_KEY', 'DATA_INVESTIGATIONS', 'ATP_ENTERPRISE', 'THREAT_INTELLIGENCE', 'EXCEL_PREMIUM', 'FORMS_PLAN_E5', 'INFO_GOVERNANCE', 'KAIZALA_STANDALONE', 'EXCHANGE_ANALYTICS', 'PROJECTWORKMANAGEMENT', 'RECORDS_MANAGEMENT', 'MICROSOFT_SEARCH', 'Deskless', 'STREAM_O365_E5', 'TEAMS1', 'INTUNE_O365', 'EQUIVIO_ANALYTICS', 'ADALLOM_S_O365', 'PAM_ENTERPRISE', 'SHAREPOINTWAC', 'FLOW_O365_P3', 'BI_AZURE_P2', 'POWER_VIRTUAL_AGENTS_O365_P3', 'POWERAPPS_O365_P3', 'PREMIUM_ENCRYPTION', 'PROJECT_O365_P3', 'COMMUNICATIONS_COMPLIANCE', 'SHAREPOINTENTERPRISE', 'MCOSTANDARD', 'SWAY', 'BPOS_S_TODO_3', 'WHITEBOARD_PLAN3', 'YAMMER_ENTERPRISE'],
  },
  DESKLESSPACK: {
    skuId: '4b585984-651b-448a-9e53-3b10f069cf7f',
    productName: 'Office 365 F3',
    servicePlans: ['DYN365_CDS_O365_F1', 'CDS_O365_F1', 'EXCHANGE_S_DESKLESS', 'RMS_S_BASIC', 'MICROSOFTBOOKINGS', 'FORMS_PLAN_K', 'KAIZALA_O365_P1', 'PROJECTWORKMANAGEMENT', 'MICROSOFT_SEARCH', 'Deskless', 'STREAM_O365_K', 'TEAMS1', 'INTUNE_O365', 'SHAREPOINTWAC', 'OFFICEMOBILE_SUBSCRIPTION', 'POWERAPPS_O365_S1', 'FLOW_O365_S1', 'POWER_VIRTUAL_AGENTS_O365_F1', 'PROJECT_O365_F3', 'SHAREPOINTDESKLESS', 'MCOIMP', 'SWAY', 'BPOS_S_TODO_FIRSTLINE', 'WHITEBOARD_FIRSTLINE1', 'YAMMER_ENTERPRISE'],
  },
  SPE_F1: {
    skuId: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
    productName: 'Microsoft 365 F3',
    servicePlans: ['AAD_PREMIUM', 'RMS_S_PREMIUM', 'ADALLOM_S_DISCOVERY', 'DYN365_CDS_O365_F1', 'CDS_O365_F1', 'EXCHANGE_S_DESKLESS', 'RMS_S_ENTERPRISE', 'MFA_PREMIUM', 'MICROSOFTBOOKINGS', 'FORMS_PLAN_K', 'INTUNE_A', 'KAIZALA_O365_P1', 'PROJECTWORKMANAGEMENT', 'MICROSOFT_SEARCH', 'Deskless', 'STREAM_O365_K', 'TEAMS1', 'INTUNE_O365', 'SHAREPOINTWAC', 'OFFICEMOBILE_SUBSCRIPTION', 'POWERAPPS_O365_S1', 'FLOW_O365_S1', 'POWER_VIRTUAL_AGENTS_O365_F1', 'PROJECT_O365_F3', 'SHAREPOINTDESKLESS', 'MCOIMP', 'SWAY', 'BPOS_S_TODO_FIRSTLINE', 'UNIVERSAL_PRINT_01', 'WHITEBOARD_FIRSTLINE1', 'WIN10_ENT_LOC_F1', 'WINDOWSUPDATEFORBUSINESS_DEPLOYMENTSERVICE', 'YAMMER_ENTERPRISE'],
  },
  EXCHANGESTANDARD: {
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    productName: 'Exchange Online (Plan 1)',
    servicePlans: ['EXCHANGE_S_STANDARD', 'INTUNE_O365', 'BPOS_S_TODO_1'],
  },
  EXCHANGEENTERPRISE: {
    skuId: '19ec0d23-8335-4cbd-94ac-6050e30712fa',
    productName: 'Exchange Online (Plan 2)',
    servicePlans: ['EXCHANGE_S_ENTERPRISE'],
  },
  EXCHANGEDESKLESS: {
    skuId: '80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82',
    productName: 'Exchange Online Kiosk',
    servicePlans: ['EXCHANGE_S_DESKLESS'],
  },
  SHAREPOINTSTANDARD: {
    skuId: '1fc08a02-8b3d-43b9-831e-f76859e04e1a',
    productName: 'SharePoint Online (Plan 1)',
    servicePlans: ['SHAREPOINTSTANDARD'],
  },
  SHAREPOINTENTERPRISE: {
    skuId: 'a9732ec9-17d9-494c-a51c-d6b45b384dcb',
    productName: 'SharePoint Online (Plan 2)',
    servicePlans: ['SHAREPOINTENTERPRISE'],
  },
  LITEPACK: {
    skuId: 'bd09678e-b83c-4d3f-aaba-3dad4abd128b',
    productName: 'Office 365 Small Business',
    servicePlans: ['EXCHANGE_L_STANDARD', 'MCOLITE', 'SHAREPOINTLITE', 'SWAY'],
  },
  LITEPACK_P2: {
    skuId: 'fc14ec4a-4169-49a4-a51e-2c852931814b',
    productName: 'Office 365 Small Business Premium',
    servicePlans: ['EXCHANGE_L_STANDARD', 'MCOLITE', 'OFFICE_PRO_PLUS_SUBSCRIPTION_SMBIZ', 'SHAREPOINTLITE', 'SWAY'],
  },
  MIDSIZEPACK: {
    skuId: '04a7fb0d-32e0-4241-b4f5-3f7618cd1162',
    productName: 'Office 365 Midsize Business',
    servicePlans: ['EXCHANGE_S_STANDARD_MIDMARKET', 'MCOSTANDARD_MIDMARKET', 'OFFICESUBSCRIPTION', 'SHAREPOINTENTERPRISE_MIDMARKET', 'SHAREPOINTWAC', 'SWAY', 'YAMMER_MIDSIZE'],
  },
  ENTERPRISEWITHSCAL: {
    skuId: '1392051d-0cb9-4b7a-88d5-621fee5e8711',
    productName: 'Office 365 E4',
    servicePlans: ['BPOS_S_TODO_2', 'Deskless', 'EXCHANGE_S_ENTERPRISE', 'FLOW_O365_P2', 'FORMS_PLAN_E3', 'MCOSTANDARD', 'MCOVOICECONF', 'OFFICESUBSCRIPTION', 'POWERAPPS_O365_P2', 'PROJECTWORKMANAGEMENT', 'RMS_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'SHAREPOINTWAC', 'STREAM_O365_E3', 'SWAY', 'TEAMS1', 'YAMMER_ENTERPRISE'],
  },
  MCOSTANDARD: {
    skuId: 'd42c793f-6c78-4f43-92ca-e8f6a02b035f',
    productName: 'Skype for Business Online (Plan 2)',
    servicePlans: ['MCOSTANDARD'],
  },
  DESKLESSWOFFPACK: {
    skuId: null,
    productName: 'Office 365 Enterprise K2 (not in the list: retired)',
    servicePlans: ['EXCHANGE_S_DESKLESS', 'SHAREPOINTDESKLESS', 'SHAREPOINTWAC'],
  },
  MCOLITE: {
    skuId: null,
    productName: 'Lync Online (Plan 1) (not in the list: retired)',
    servicePlans: ['MCOLITE'],
  },
  MCOVOICECONF: {
    skuId: null,
    productName: 'Lync Online (Plan 3) (not in the list: retired)',
    servicePlans: ['MCOVOICECONF'],
  },
};

/** Plans newer than the table: by the start of their servicePlanName, the first match wins. */
export const SERVICE_PLAN_NAME_PREFIXES: readonly { prefix: string; services: readonly Service[] }[] = [
  { prefix: 'SHAREPOINTWAC', services: NONE },
  { prefix: 'SHAREPOINTSTORAGE', services: NONE },
  { prefix: 'SHAREPOINT', services: SHAREPOINT },
  { prefix: 'ONEDRIVE', services: ONEDRIVE },
  { prefix: 'EXCHANGE_S_FOUNDATION', services: NONE },
  { prefix: 'EXCHANGE_S_ARCHIVE', services: NONE },
  { prefix: 'EXCHANGE_ANALYTICS', services: NONE },
  { prefix: 'EXCHANGE_S_', services: EXCHANGE },
  { prefix: 'TEAMS', services: TEAMS },
  { prefix: 'YAMMER', services: YAMMER },
  { prefix: 'MCO', services: LYNC },
  { prefix: 'OFFICESUBSCRIPTION', services: OFFICE_APPS },
  { prefix: 'OFFICE_BUSINESS', services: OFFICE_APPS },
];
