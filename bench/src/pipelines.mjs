/**
 * The three payload builders measured side by side, each a function from one envelope to one
 * wire event (or a rejection), plus where each keeps its phone hash:
 * - pixelpair: the public `prepareEvent` of @pixelpair/server (TikTok's v1.3 wire event);
 * - the peer: facebook-nodejs-business-sdk's ServerEvent/UserData/CustomData + normalize();
 * - naive: a correct stack written plainly (zod, libphonenumber-js/max, trim/lowercase, createHash).
 */
import { createHash } from 'node:crypto';
import { prepareEvent } from '@pixelpair/server';
import biz from 'facebook-nodejs-business-sdk';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

export const PIXEL_ID = 'CPIXEL0123456789ABCD';
const { ServerEvent, UserData, CustomData, Content } = biz;

const pixelpairConfig = { pixelId: PIXEL_ID, maxAgeSeconds: 7 * 86_400 };
export const pixelpair = {
  name: 'pixelpair prepareEvent',
  run: (envelope) => prepareEvent(envelope, pixelpairConfig),
  phoneHash: (out) => (out.ok ? out.prepared.wire.user?.phone : undefined),
};

export const peer = {
  name: 'facebook-nodejs-business-sdk normalize()',
  run(envelope) {
    const u = envelope.user;
    const p = envelope.properties;
    const user = new UserData().setEmail(u.email).setPhone(u.phone).setExternalId(u.externalId)
      .setClientIpAddress(u.ip).setClientUserAgent(u.userAgent).setCountry(u.country.toLowerCase());
    const custom = new CustomData().setValue(p.value).setCurrency(p.currency)
      .setContents(p.contents.map((c) => new Content().setId(c.contentId).setQuantity(c.quantity).setItemPrice(c.price)));
    return new ServerEvent().setEventName(envelope.event).setEventTime(envelope.eventTime).setEventId(envelope.eventId)
      .setUserData(user).setCustomData(custom).setActionSource('website').normalize();
  },
  phoneHash: (out) => out.user_data?.ph?.[0],
};

export const naiveSchema = z.object({
  event: z.string().min(1).max(100),
  eventId: z.string().min(1).max(128),
  eventTime: z.number().int().positive(),
  user: z.object({
    email: z.string().max(254).optional(),
    phone: z.string().max(64).optional(),
    externalId: z.string().max(256).optional(),
    ip: z.string().max(64).optional(),
    userAgent: z.string().max(2048).optional(),
    country: z.string().length(2).optional(),
  }),
  properties: z.object({
    value: z.number().nonnegative(),
    currency: z.string().length(3),
    contents: z.array(z.object({ contentId: z.string().max(256), quantity: z.number().int().positive(), price: z.number().nonnegative() })).max(1000),
  }),
  consent: z.object({ adUserData: z.enum(['granted', 'denied', 'unknown']), adPersonalization: z.enum(['granted', 'denied', 'unknown']), region: z.string().optional() }),
});
const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const naive = {
  name: 'naive correct stack',
  run(envelope) {
    const parsed = naiveSchema.safeParse(envelope);
    if (!parsed.success) return { ok: false, errors: parsed.error.issues };
    const { user: u, properties: p, consent } = parsed.data;
    const user = { ip: u.ip, user_agent: u.userAgent };
    if (consent.adUserData !== 'denied') {
      const email = u.email?.trim().toLowerCase();
      if (email && EMAIL.test(email)) user.email = sha256(email);
      const phone = u.phone ? parsePhoneNumberFromString(u.phone, u.country) : undefined;
      if (phone?.isValid()) user.phone = sha256(phone.number);
      if (u.externalId) user.external_id = sha256(u.externalId.trim());
      if (u.country) user.country = u.country.toLowerCase();
    }
    const properties = { value: p.value, currency: p.currency, contents: p.contents.map((c) => ({ content_id: c.contentId, quantity: c.quantity, price: c.price })) };
    const event = { event: parsed.data.event, event_time: parsed.data.eventTime, event_id: parsed.data.eventId, user, properties };
    if (consent.adPersonalization === 'denied') event.limited_data_use = true;
    return { ok: true, event };
  },
  phoneHash: (out) => (out.ok ? out.event.user.phone : undefined),
};

export const PIPELINES = [pixelpair, peer, naive];

/** The phone hash TikTok and Google require: sha256 of libphonenumber's E.164 with '+'. */
export const expectedPhoneHash = (e164) => sha256(e164);
/** Meta's own rule (digits of the E.164, no '+'), shown beside it so the peer is judged by its platform too. */
export const metaPhoneHash = (e164) => sha256(e164.slice(1));
