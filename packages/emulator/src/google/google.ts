/**
 * The Google stand-in inside the emulator: one service account, one token store, its own
 * fault specs (Data Manager and token endpoint), its records, and the `google` member of the
 * Emulator object that tests use.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFaults, type FaultSpec } from '../faults.js';
import { GOOGLE_TOKEN_URL } from './assertion.js';
import type { GtagCall } from './gtag/gtag-call.js';
import { createGoogleRecordStore, type GoogleAcceptedEvent, type GoogleRecords } from './records.js';
import { applyProcessingError, checkProcessingError, type ProcessingErrorSpec } from './request-status.js';
import { GOOGLE_PATHS, handleGoogle } from './routes.js';
import { createServiceAccount, type ServiceAccountKey } from './service-account.js';
import { createTokenStore, DEFAULT_TOKEN_LIFETIME_SECONDS } from './tokens.js';

export interface GoogleOptions {
  /** Google Ads accounts (10 digits) the service account may write to; others get 403 PERMISSION_DENIED. Default: any. */
  operatingAccounts?: string[];
  /** Known conversion action ids; others get 400 INVALID_CONVERSION_ACTION_ID. Default: any. */
  conversionActions?: string[];
  /** `expires_in` of issued tokens (default 3599, as Google). */
  tokenLifetimeSeconds?: number;
  /** Refuse events without transactionId (default true: multi-source conversions need it). */
  requireTransactionId?: boolean;
  /** Refuse events with neither user identifiers nor a click id, NO_IDENTIFIERS_PROVIDED (default true). */
  requireIdentifiers?: boolean;
}

interface FaultControl { set(spec: FaultSpec): void; clear(): void; get(): (FaultSpec & { remaining?: number }) | null }

export interface GoogleStandIn {
  /** Replaces `https://datamanager.googleapis.com`. */
  dataManagerUrl: string;
  /** `POST …/v1/events:ingest`. */
  apiUrl: string;
  /** `POST …/google/token`, in place of `https://oauth2.googleapis.com/token`. */
  tokenUrl: string;
  /** `GET …/v1/requestStatus:retrieve`. */
  requestStatusUrl: string;
  /** The gtag stub, in place of `https://www.googletagmanager.com/gtag/js`. */
  gtagScriptUrl: string;
  /** The test service account's key file (JSON), with token_uri = tokenUrl. A throwaway key made by this stand-in. */
  serviceAccountKey(): ServiceAccountKey;
  /** Maps Google's token and Data Manager URLs to the stand-in's; any other URL is returned as is. For a gaxios request interceptor. */
  rewriteUrl(url: string | URL): string;
  /** Faults for the Data Manager API (`events:ingest`). */
  faults: FaultControl;
  /** Faults for the token endpoint. */
  tokenFaults: FaultControl;
  records(): GoogleRecords;
  /** How many times (conversion action, transactionId) was ingested (validateOnly requests not counted). */
  acceptances(conversionAction: string, transactionId: string): number;
  /** Both sides of one transaction id: the server copies and the tag calls. */
  transaction(transactionId: string): { server: GoogleAcceptedEvent[]; tag: GtagCall[] };
  tokensIssued(): number;
  /** Expires every token issued so far (the next API call with one gets 401 ACCESS_TOKEN_EXPIRED). */
  expireTokens(): void;
  setTokenLifetime(seconds: number): void;
  /** Adds an asynchronous processing error to the next ingested request (or to `requestId`). */
  injectProcessingError(spec: ProcessingErrorSpec): void;
  /** While pending, requestStatus answers PROCESSING for that request. */
  setPending(requestId: string, pending: boolean): void;
  /** Forgets records, counts and queued processing errors and clears both fault specs; issued tokens stay valid. */
  reset(): void;
}

export interface GoogleInternals {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  standIn(url: string): GoogleStandIn;
  reset(): void;
}

function accounts(list: string[] | undefined, name: string, pattern: RegExp): Set<string> | null {
  if (!list) return null;
  for (const id of list) if (typeof id !== 'string' || !pattern.test(id)) throw new Error(`startEmulator: google.${name} must be digit strings (got ${JSON.stringify(id)})`);
  return new Set(list);
}

export function createGoogle(options: GoogleOptions, detailLimit: number, baseUrl: () => string, hold: (ms: number, then: () => void) => void): GoogleInternals {
  const tokenUrl = () => `${baseUrl()}${GOOGLE_PATHS.token}`;
  const account = createServiceAccount(tokenUrl);
  const tokens = createTokenStore(options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
  const records = createGoogleRecordStore(detailLimit);
  const faults = createFaults();
  const tokenFaults = createFaults();
  let queued: ProcessingErrorSpec[] = [];
  const nextRequestId = () => randomUUID();

  const injectProcessingError = (input: ProcessingErrorSpec) => {
    const spec = checkProcessingError(input);
    if (spec.requestId === undefined) { queued.push(spec); return; }
    const status = records.status(spec.requestId);
    if (!status) throw new Error(`processing error.requestId: no ingested request ${spec.requestId}`);
    applyProcessingError(status, spec);
  };
  const reset = () => {
    records.reset();
    tokens.reset();
    faults.clear();
    tokenFaults.clear();
    queued = [];
  };
  const snapshot = () => records.snapshot(tokens.issued());
  const control = (f: typeof faults): FaultControl => ({ set: (s) => f.set(s), clear: () => f.clear(), get: () => f.get() });

  const routeDeps = {
    token: { tokens, records, faults: tokenFaults, hold, keys: () => ({ clientEmail: account.clientEmail, privateKeyId: account.privateKeyId, publicKey: account.publicKey, tokenUrl: tokenUrl() }) },
    ingest: {
      records, tokens, faults, nextRequestId, hold,
      operatingAccounts: accounts(options.operatingAccounts, 'operatingAccounts', /^\d{10}$/),
      conversionActions: accounts(options.conversionActions, 'conversionActions', /^\d{1,19}$/),
      eventOptions: { requireTransactionId: options.requireTransactionId ?? true, requireIdentifiers: options.requireIdentifiers ?? true },
      ingested(requestId: string) {
        const status = records.status(requestId);
        if (status) for (const spec of queued) applyProcessingError(status, spec);
        queued = [];
      },
    },
    faults, tokenFaults, records: snapshot, serviceAccountKey: () => account.key(), injectProcessingError,
    expireTokens: () => tokens.expireAll(), reset, baseUrl,
  };

  return {
    handle: (req, res) => handleGoogle(req, res, routeDeps),
    reset,
    standIn(url) {
      return {
        dataManagerUrl: url,
        apiUrl: `${url}${GOOGLE_PATHS.ingest}`,
        tokenUrl: `${url}${GOOGLE_PATHS.token}`,
        requestStatusUrl: `${url}${GOOGLE_PATHS.requestStatus}`,
        gtagScriptUrl: `${url}${GOOGLE_PATHS.gtag}`,
        serviceAccountKey: () => account.key(),
        rewriteUrl(input) {
          const text = String(input);
          if (text === GOOGLE_TOKEN_URL || text === 'https://www.googleapis.com/oauth2/v4/token') return `${url}${GOOGLE_PATHS.token}`;
          if (text.startsWith('https://datamanager.googleapis.com/')) return url + text.slice('https://datamanager.googleapis.com'.length);
          return text;
        },
        faults: control(faults),
        tokenFaults: control(tokenFaults),
        records: snapshot,
        acceptances: (action, tid) => records.acceptances(action, tid),
        transaction: (tid) => ({ server: records.events().filter((e) => e.transactionId === tid), tag: records.tagCalls().filter((c) => c.transactionId === tid) }),
        tokensIssued: () => tokens.issued(),
        expireTokens: () => tokens.expireAll(),
        setTokenLifetime: (seconds) => tokens.setLifetime(seconds),
        injectProcessingError,
        setPending(requestId, pending) {
          const status = records.status(requestId);
          if (!status) throw new Error(`setPending: no ingested request ${requestId}`);
          status.pending = pending;
        },
        reset,
      };
    },
  };
}
