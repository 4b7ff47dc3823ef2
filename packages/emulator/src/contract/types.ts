/** The v1.3 web `event/track` shapes the stand-in accepts (after validation). */
export interface TrackUser {
  email?: string | string[];
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

export interface TrackEvent {
  event: string;
  event_time: number;
  event_id?: string;
  user?: TrackUser;
  page?: { url?: string; referrer?: string };
  properties?: Record<string, unknown>;
  limited_data_use?: boolean;
  device?: Record<string, unknown>;
  lead?: Record<string, unknown>;
}

export interface TrackRequest {
  event_source: 'web';
  event_source_id: string;
  test_event_code?: string;
  partner_name?: string;
  data: TrackEvent[];
}
