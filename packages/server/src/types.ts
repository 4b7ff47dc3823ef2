/**
 * The value types the server twin, the outbox and the CLI exchange. The wire shapes live with
 * their destination (destinations/<platform>/wire.ts).
 */

/** A problem with one field of one envelope: `{ path: "user.email[1]", message: "not an email" }`. */
export interface Issue {
  path: string;
  message: string;
}

export type { PreparedEvent, MatchKeys, DeliveryLogInfo, Destination, AnyDestination, DestinationPrepareResult, WireItem } from './destinations/destination.js';
export type { DeliveryOutcome, OutcomeKind, RetryReason, DropReason, StopReason, DeliveredReason, AnswerDetail } from './delivery/outcome.js';
export type { TikTokEvent, TikTokUser, TikTokRequestBody, TikTokMatchKeys } from './destinations/tiktok/wire.js';
export type { PrepareResult } from './prepare.js';
