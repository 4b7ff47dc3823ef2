/**
 * IAB TCF v2 adapter (`__tcfapi('addEventListener', 2, cb)`). Purposes map as:
 * - adUserData ← purpose 1 (store/access information on a device) and purpose 7
 *   (measure advertising performance; consent or legitimate interest);
 * - adPersonalization ← purposes 3 and 4 (create / use a personalised-ads profile);
 * - adStorage (writing click-id cookies) ← purpose 1.
 * When GDPR does not apply (`gdprApplies: false`) both are granted. The CMP is recorded
 * as `tcf:<cmpId>` with its cmpVersion. Decisions arrive on `tcloaded` and
 * `useractioncomplete`; `cmpuishown` and failed callbacks leave the state as it is.
 */
import { consent } from './consent.js';
import { safe } from './log.js';

type Purposes = Record<string, boolean | undefined>;
export type TcData = {
  eventStatus?: string;
  gdprApplies?: boolean;
  cmpId?: number;
  cmpVersion?: number;
  purpose?: { consents?: Purposes; legitimateInterests?: Purposes };
};

export function fromTcData(data: TcData) {
  const purpose = data.purpose || {};
  const given = purpose.consents || {};
  const interest = purpose.legitimateInterests || {};
  const free = data.gdprApplies === false;
  return {
    adUserData: free || !!(given[1] && (given[7] || interest[7])),
    adPersonalization: free || !!(given[3] && given[4]),
    adStorage: free || !!given[1],
    cmp: { name: 'tcf:' + data.cmpId, version: '' + data.cmpVersion },
  };
}

// a missing data object throws inside the guard and changes nothing
const onTcData = /* @__PURE__ */ safe((data: TcData, ok: boolean) => {
  if (ok && /^(tcloaded|useractioncomplete)$/.test(data.eventStatus!)) consent(fromTcData(data));
});

/** Starts listening to the page's TCF v2 CMP; false when `__tcfapi` is not (yet) on the page. */
export const listenTcf: () => boolean = /* @__PURE__ */ safe(() => {
  const api = (window as any).__tcfapi;
  return !!api && (api('addEventListener', 2, onTcData), true);
}, () => false);
