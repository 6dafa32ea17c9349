// Catalogue prices are US list prices; a subscription in another currency is estimated
// with these fixed rates (list-price estimates, not exchange quotes).
export const USD_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  SEK: 10.6,
  NOK: 10.9,
  DKK: 6.9,
  PLN: 3.95,
  CHF: 0.88,
};
