/** The Conversions API website-event shapes the stand-in accepts (after validation), reference A1. */

/** Hashed keys: a lowercase 64-hex SHA-256, or a list of them. */
export type Hashed = string | string[];

export interface MetaUserData {
  em?: Hashed;
  ph?: Hashed;
  fn?: Hashed;
  ln?: Hashed;
  ct?: Hashed;
  st?: Hashed;
  zp?: Hashed;
  country?: Hashed;
  db?: Hashed;
  ge?: Hashed;
  external_id?: Hashed;
  client_ip_address?: string;
  client_user_agent?: string;
  fbc?: string;
  fbp?: string;
  [other: string]: unknown;
}

export interface MetaContent {
  id: string;
  quantity: number;
  item_price?: number;
  title?: string;
  description?: string;
  brand?: string;
  category?: string;
  delivery_category?: string;
}

export interface MetaCustomData {
  value?: number;
  currency?: string;
  contents?: MetaContent[];
  content_ids?: string[];
  content_type?: 'product' | 'product_group';
  num_items?: number;
  order_id?: string;
  search_string?: string;
  [custom: string]: unknown;
}

export interface MetaServerEvent {
  event_name: string;
  event_time: number;
  event_id?: string;
  action_source: 'website';
  event_source_url: string;
  user_data: MetaUserData;
  custom_data?: MetaCustomData;
  opt_out?: boolean;
  data_processing_options?: [] | ['LDU'];
  data_processing_options_country?: number;
  data_processing_options_state?: number;
  referrer_url?: string;
}

/** The body after the token and proof were taken out (they are never stored). */
export interface MetaEventsRequest {
  data: MetaServerEvent[];
  test_event_code?: string;
}
