/** The wire shapes of Meta's Conversions API `POST /{version}/{pixel_id}/events` (destinations.md A1). */

/** Hashed keys are SHA-256 hex by Meta's rules; ip, user agent, fbc and fbp are never hashed. */
export interface MetaUserData {
  em?: string | string[];
  ph?: string | string[];
  fn?: string;
  ln?: string;
  ct?: string;
  st?: string;
  zp?: string;
  country?: string;
  db?: string;
  ge?: string;
  external_id?: string | string[];
  client_ip_address?: string;
  client_user_agent?: string;
  fbc?: string;
  fbp?: string;
}

export interface MetaContent {
  id: string;
  quantity: number;
  item_price?: number;
  title?: string;
  category?: string;
  brand?: string;
}

export interface MetaEvent {
  event_name: string;
  /** Integer Unix seconds; any event older than 7 days fails the whole request. */
  event_time: number;
  /** Must equal the Pixel's `eventID`. */
  event_id: string;
  action_source: 'website';
  event_source_url: string;
  referrer_url?: string;
  user_data: MetaUserData;
  custom_data?: Record<string, unknown>;
  /** `true`: attribution only, not delivery optimisation (pixelpair's reading of adPersonalization denied). */
  opt_out?: boolean;
  data_processing_options?: ['LDU'];
  data_processing_options_country?: number;
  data_processing_options_state?: number;
}

export interface MetaMatchKeys {
  email: boolean;
  phone: boolean;
  external_id: boolean;
  fbc: boolean;
  fbp: boolean;
  ip_user_agent: boolean;
  [key: string]: boolean;
}
