/**
 * The TikTok v1.3 wire event from the shared normalised event: TikTok's own formatting
 * (phone hashed as E.164 WITH its `+`, email trim + lower, external_id as given; city,
 * state and country unhashed) and its consent dialect (`limited_data_use`, and the decision
 * forwarded as `properties.ad_user_data` / `ad_personalization` unless turned off).
 */
import type { NormalizedEvent } from '../../envelope/normalized-event.js';
import { digestList, hashNormalized } from '../../normalize/hash.js';
import type { TikTokEvent, TikTokMatchKeys, TikTokUser } from './wire.js';

export function tiktokUser(event: NormalizedEvent): TikTokUser {
  const id = event.identity;
  const user: TikTokUser = {};
  // Plain assignments, no closures or throwaway arrays: this runs once per event and destination.
  if (id.emails.length) user.email = digestList(id.emails);
  if (id.phones.length) user.phone = digestList(id.phones);
  if (id.externalIds.length) user.external_id = digestList(id.externalIds);
  if (id.firstName) user.first_name = hashNormalized(id.firstName.value);
  if (id.lastName) user.last_name = hashNormalized(id.lastName.value);
  if (id.zip) user.zip_code = hashNormalized(id.zip.value);
  if (id.city !== undefined) user.city = id.city;
  if (id.state !== undefined) user.state = id.state;
  if (id.country !== undefined) user.country = id.country;
  if (id.ttclid !== undefined) user.ttclid = id.ttclid;
  if (id.ttp !== undefined) user.ttp = id.ttp;
  if (id.ip !== undefined) user.ip = id.ip;
  if (id.userAgent !== undefined) user.user_agent = id.userAgent;
  if (id.locale !== undefined) user.locale = id.locale;
  return user;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export function tiktokWireEvent(event: NormalizedEvent, name: string): TikTokEvent {
  const wire: TikTokEvent = { event: name, event_time: event.eventTime, event_id: event.eventId };
  const user = tiktokUser(event);
  if (hasKeys(user)) wire.user = user;
  if (event.page) wire.page = event.page;
  // The normalised event's properties are already a fresh object: only copied when consent adds keys.
  const consent = event.decision.properties;
  const properties = hasKeys(consent) ? { ...event.properties, ...consent } : event.properties;
  if (hasKeys(properties)) wire.properties = properties;
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
