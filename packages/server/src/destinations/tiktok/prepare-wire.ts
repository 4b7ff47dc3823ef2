/**
 * The TikTok v1.3 wire event from the shared normalised event: TikTok's own formatting
 * (phone hashed as E.164 WITH its `+`, email trim + lower, external_id as given; city,
 * state and country unhashed) and its consent dialect (`limited_data_use`, and the decision
 * forwarded as `properties.ad_user_data` / `ad_personalization` unless turned off).
 */
import type { NormalizedEvent } from '../../envelope/normalized-event.js';
import { hashList, hashNormalized } from '../../normalize/hash.js';
import type { TikTokEvent, TikTokMatchKeys, TikTokUser } from './wire.js';

export function tiktokUser(event: NormalizedEvent): TikTokUser {
  const id = event.identity;
  const user: TikTokUser = {};
  const set = <K extends keyof TikTokUser>(key: K, value: TikTokUser[K] | undefined) => {
    if (value !== undefined) user[key] = value;
  };
  set('email', hashList(id.emails.map((e) => e.value)));
  set('phone', hashList(id.phones.map((p) => p.value)));
  set('external_id', hashList(id.externalIds.map((e) => e.value)));
  set('first_name', id.firstName && hashNormalized(id.firstName.value));
  set('last_name', id.lastName && hashNormalized(id.lastName.value));
  set('zip_code', id.zip && hashNormalized(id.zip.value));
  set('city', id.city);
  set('state', id.state);
  set('country', id.country);
  set('ttclid', id.ttclid);
  set('ttp', id.ttp);
  set('ip', id.ip);
  set('user_agent', id.userAgent);
  set('locale', id.locale);
  return user;
}

export function tiktokWireEvent(event: NormalizedEvent, name: string): TikTokEvent {
  const wire: TikTokEvent = { event: name, event_time: event.eventTime, event_id: event.eventId };
  const user = tiktokUser(event);
  if (Object.keys(user).length > 0) wire.user = user;
  if (event.page) wire.page = { ...event.page };
  const properties = { ...event.properties, ...event.decision.properties };
  if (Object.keys(properties).length > 0) wire.properties = properties;
  if (event.decision.limitedDataUse) wire.limited_data_use = true;
  return wire;
}

const present = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.length > 0);

export function tiktokMatchKeys(wire: Pick<TikTokEvent, 'user'>): TikTokMatchKeys {
  const u = wire.user ?? {};
  return {
    email: present(u.email),
    phone: present(u.phone),
    external_id: present(u.external_id),
    ttclid: present(u.ttclid),
    ttp: present(u.ttp),
    ip_user_agent: present(u.ip) && present(u.user_agent),
  };
}
