/** The wire shapes of TikTok Events API v1.3 `event/track` (tiktok-events-api.md). */

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

/** TikTok's match keys (booleans only: never the values). */
export interface TikTokMatchKeys {
  email: boolean;
  phone: boolean;
  external_id: boolean;
  ttclid: boolean;
  ttp: boolean;
  ip_user_agent: boolean;
  [key: string]: boolean;
}
