/** The wire shapes of Google's Data Manager API `POST /v1/events:ingest` (destinations.md B1). */

export type GoogleConsentStatus = 'CONSENT_GRANTED' | 'CONSENT_DENIED' | 'CONSENT_STATUS_UNSPECIFIED';

export type GoogleUserIdentifier =
  | { emailAddress: string }
  | { phoneNumber: string }
  | { address: { givenName: string; familyName: string; regionCode: string; postalCode: string } };

export interface GoogleEvent {
  /** The shared event id: must equal the Google tag's `transaction_id`, byte for byte. */
  transactionId: string;
  /** RFC 3339, UTC. */
  eventTimestamp: string;
  eventSource: 'WEB';
  conversionValue?: number;
  currency?: string;
  cartData?: { items: Array<{ merchantProductId: string; quantity?: number; unitPrice?: number }> };
  userData?: { userIdentifiers: GoogleUserIdentifier[] };
  adIdentifiers?: { gclid?: string; gbraid?: string; wbraid?: string };
  eventDeviceInfo?: { userAgent?: string; ipAddress?: string };
  consent: { adUserData: GoogleConsentStatus; adPersonalization: GoogleConsentStatus };
}

export interface GoogleDestinationRef {
  operatingAccount: { accountType: 'GOOGLE_ADS'; accountId: string };
  loginAccount?: { accountType: 'GOOGLE_ADS'; accountId: string };
  productDestinationId: string;
}

export interface GoogleMatchKeys {
  email: boolean;
  phone: boolean;
  address: boolean;
  gclid: boolean;
  ip_user_agent: boolean;
  [key: string]: boolean;
}
