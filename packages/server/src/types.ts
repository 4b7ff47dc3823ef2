/**
 * The wire shapes of TikTok Events API v1.3 `event/track` and the value types the server
 * twin and the outbox exchange. Seeded by the foundation; the server twin owns this file.
 */
import type { ConsentState } from '@pixelpair/core';

export interface TikTokUser {
  email?: string | string[];
  /** v1.3 calls it `phone` (the browser's identify calls it `phone_number`). */
  phone?: string | string[];
  external_id?: string | string[];
  ttclid?: string;
  ttp?: string;
  ip?: string;
  user_agent?: string;
  locale?: string;
  first_name?: string;
  last_name?: string;
  zip_code?: string;
  city?: string;
  state?: string;
  country?: string;
}

export interface TikTokEvent {
  event: string;
  /** Integer Unix seconds. */
  event_time: number;
  /** Always a string: TikTok answers 40002 to a number. */
  event_id: string;
  user?: TikTokUser;
  page?: { url?: string; referrer?: string };
  properties?: Record<string, unknown>;
  limited_data_use?: boolean;
}

export interface TikTokRequestBody {
  event_source: 'web';
  /** The pixel id. */
  event_source_id: string;
  test_event_code?: string;
  data: TikTokEvent[];
}

/** A problem with one field of one envelope: `{ path: "user.email[1]", message: "not an email" }`. */
export interface Issue {
  path: string;
  message: string;
}

/** Which match keys an event carries after consent policy (booleans only: never the values). */
export interface MatchKeys {
  email: boolean;
  phone: boolean;
  external_id: boolean;
  ttclid: boolean;
  ttp: boolean;
  ip_user_agent: boolean;
}

/** A validated, normalised, hashed, consent-governed event, ready for the wire. */
export interface PreparedEvent {
  pixelId: string;
  testEventCode?: string;
  event: TikTokEvent;
  warnings: Issue[];
  /** What the delivery log keeps about the event besides the wire copy. */
  log: {
    consent: ConsentState;
    matchKeys: MatchKeys;
    /** The consent policy's effective reading (`not_required` = undecided outside an opt-in region). */
    policy?: { adUserData: 'granted' | 'denied' | 'not_required'; adPersonalization: 'granted' | 'denied' | 'not_required'; optIn: boolean };
  };
}

export type PrepareResult = { ok: true; prepared: PreparedEvent } | { ok: false; eventId?: string; errors: Issue[] };

/** What to do with a request after TikTok (or the network) answered. */
export type Decision = 'delivered' | 'retry' | 'drop' | 'stop';

export interface Classification {
  decision: Decision;
  /** Short machine-readable reason: `ok`, `rate_limited`, `http_503`, `network`, `timeout`, `invalid_params`, `token_invalid`… */
  reason: string;
  code?: number;
  httpStatus?: number;
  message?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** Needs a human: payload bug, hashing bug, permission or token problem. */
  alert?: boolean;
}

/** The result of one HTTP attempt: a value, never an exception. */
export type DeliveryOutcome =
  | { ok: true; code: number; message?: string; requestId?: string; latencyMs: number }
  | {
      ok: false;
      reason: string;
      retryable: boolean;
      /** Token or permission problem: stop sending and alert; retrying will not help. */
      stop: boolean;
      code?: number;
      httpStatus?: number;
      message?: string;
      requestId?: string;
      retryAfterMs?: number;
      latencyMs: number;
    };

/** One HTTP attempt per call, already classified. */
export interface Transport {
  post(body: TikTokRequestBody, signal?: AbortSignal): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}
