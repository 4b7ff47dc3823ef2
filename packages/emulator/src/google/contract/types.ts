/** What the validator learns about a valid `events:ingest` body: the facts the records keep. */
import type { IdentifierKinds } from './validate-identifiers.js';

export const CONSENT_STATUSES = ['CONSENT_GRANTED', 'CONSENT_DENIED', 'CONSENT_STATUS_UNSPECIFIED'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export interface ConsentValues {
  adUserData: ConsentStatus | null;
  adPersonalization: ConsentStatus | null;
}

export interface DestinationFacts {
  /** As sent, for requestStatus answers. */
  raw: Record<string, unknown>;
  reference: string | null;
  operatingAccount: string;
  loginAccount: string | null;
  /** The conversion action id (`productDestinationId`). */
  conversionAction: string;
}

export interface EventFacts {
  /** The event as received (hashes only; never plain personal data, or it would have been refused). */
  raw: Record<string, unknown>;
  transactionId: string | null;
  /** As sent (RFC 3339). */
  eventTimestamp: string;
  /** The same instant, ms since the epoch. */
  eventTime: number;
  /** Indexes into the request's destinations this event goes to. */
  destinations: number[];
  identifiers: IdentifierKinds;
  gclid: string | null;
  gbraid: boolean;
  wbraid: boolean;
  /** Event-level consent as sent (null fields when absent). */
  consent: ConsentValues;
  ipAddress: boolean;
  userAgent: boolean;
  conversionValue: number | null;
  currency: string | null;
  eventSource: string | null;
}

export interface IngestFacts {
  destinations: DestinationFacts[];
  events: EventFacts[];
  validateOnly: boolean;
  encoding: 'HEX' | 'BASE64' | null;
  /** Request-level consent (event-level values override it). */
  consent: ConsentValues;
}
