/**
 * The stand-in's test service account: an RSA key pair made on first use (so a TikTok-only
 * run pays nothing) and the key file Google would hand out, with `token_uri` pointing at the
 * stand-in. The private key is a throwaway test key; it is never logged or put in a record.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: 'googleapis.com';
}

export interface ServiceAccount {
  /** A fresh copy of the key file JSON. */
  key(): ServiceAccountKey;
  clientEmail: string;
  privateKeyId: string;
  /** The public half, for verifying assertions. */
  publicKey(): KeyObject;
}

export const PROJECT_ID = 'pixelpair-emulator';
export const CLIENT_EMAIL = `pixelpair-test@${PROJECT_ID}.iam.gserviceaccount.com`;

export function createServiceAccount(tokenUrl: () => string): ServiceAccount {
  const privateKeyId = randomBytes(20).toString('hex');
  const clientId = String(100_000_000_000_000_000_000n + BigInt(`0x${randomBytes(8).toString('hex')}`));
  let pair: { privatePem: string; publicKey: KeyObject } | null = null;
  const keys = () => {
    if (!pair) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      pair = { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: createPublicKey(privateKey) };
    }
    return pair;
  };
  return {
    clientEmail: CLIENT_EMAIL,
    privateKeyId,
    publicKey: () => keys().publicKey,
    key: () => ({
      type: 'service_account',
      project_id: PROJECT_ID,
      private_key_id: privateKeyId,
      private_key: keys().privatePem,
      client_email: CLIENT_EMAIL,
      client_id: clientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUrl(),
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(CLIENT_EMAIL)}`,
      universe_domain: 'googleapis.com',
    }),
  };
}
