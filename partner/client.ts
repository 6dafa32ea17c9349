import type { TokenCredential } from '@azure/identity';
import { PartnerHttp, type PartnerHttpOptions } from './http';
import { field, readCustomer, readEligibility, readSubscription, readTransition, type PartnerCustomer, type PartnerSubscription, type PartnerTransition, type TransitionEligibility, type TransitionType } from './resources';

// The calls of a CSP helpdesk to Partner Center: customers (paged with continuation tokens), a customer's
// subscriptions, a subscription's immediate transition eligibilities, and its transitions (posted once per
// request id, then read for their events).

export interface TransitionRequest {
  toCatalogItemId: string;
  quantity: number;
  transitionType: TransitionType;
  toSubscriptionId?: string;
}

/** Page size asked of GET /v1/customers. */
const CUSTOMER_PAGE = 100;
/** A runaway continuation (a token that never ends) stops here. */
const MAX_CUSTOMER_PAGES = 500;

const seg = encodeURIComponent;

export class PartnerCenterClient {
  private readonly http: PartnerHttp;

  constructor(options: Omit<PartnerHttpOptions, 'credential'> & { credential: TokenCredential }) {
    this.http = new PartnerHttp(options);
  }

  /** Every customer of the partner, following the continuation token page by page. */
  async customers(): Promise<PartnerCustomer[]> {
    const out: PartnerCustomer[] = [];
    let page = await this.http.call('GET', `/v1/customers?size=${CUSTOMER_PAGE}`);
    for (let pages = 1; ; pages++) {
      for (const item of ((field(page.body, 'items') as unknown[]) ?? [])) out.push(readCustomer(item));
      const next = field(field(page.body, 'links'), 'next');
      const headers = (field(next, 'headers') as { key?: string; value?: string }[] | undefined) ?? [];
      const token = headers.find((h) => h.key?.toLowerCase() === 'ms-continuationtoken')?.value ?? (field(page.body, 'continuationToken') as string | undefined);
      const uri = field(next, 'uri');
      if (!next || typeof uri !== 'string' || !token || pages >= MAX_CUSTOMER_PAGES) return out;
      page = await this.http.call('GET', uri.startsWith('/v1/') ? uri : `/v1/${uri.replace(/^\//, '')}`, { headers: { 'MS-ContinuationToken': token } });
    }
  }

  /** One customer by its id (get-customer-by-id). */
  async customer(customerId: string): Promise<PartnerCustomer> {
    return readCustomer((await this.http.call('GET', `/v1/customers/${seg(customerId)}`)).body);
  }

  async subscriptions(customerId: string): Promise<PartnerSubscription[]> {
    const page = await this.http.call('GET', `/v1/customers/${seg(customerId)}/subscriptions`);
    return ((field(page.body, 'items') as unknown[]) ?? []).map(readSubscription);
  }

  async eligibilities(customerId: string, subscriptionId: string): Promise<TransitionEligibility[]> {
    const page = await this.http.call('GET', `/v1/customers/${seg(customerId)}/subscriptions/${seg(subscriptionId)}/transitionEligibilities?eligibilityType=immediate`);
    return ((field(page.body, 'items') as unknown[]) ?? []).map(readEligibility);
  }

  /** POST a transition; the same requestId makes a repeated post run once. */
  async postTransition(customerId: string, subscriptionId: string, request: TransitionRequest & { fromCatalogItemId?: string }, requestId: string): Promise<PartnerTransition> {
    const answer = await this.http.call('POST', `/v1/customers/${seg(customerId)}/subscriptions/${seg(subscriptionId)}/transitions`, {
      requestId,
      body: {
        ...(request.fromCatalogItemId ? { fromCatalogItemId: request.fromCatalogItemId } : {}),
        fromSubscriptionId: subscriptionId,
        toCatalogItemId: request.toCatalogItemId,
        ...(request.toSubscriptionId ? { toSubscriptionId: request.toSubscriptionId } : {}),
        quantity: request.quantity,
        transitionType: request.transitionType,
      },
    });
    return readTransition(answer.body);
  }

  /** The subscription's transition history with its events (the documented answer names its list "transition"). */
  async transitions(customerId: string, subscriptionId: string): Promise<PartnerTransition[]> {
    const page = await this.http.call('GET', `/v1/customers/${seg(customerId)}/subscriptions/${seg(subscriptionId)}/transitions`);
    const items = (field(page.body, 'transition') ?? field(page.body, 'items') ?? []) as unknown[];
    return items.map(readTransition);
  }

  close(): void {
    this.http.close();
  }
}
