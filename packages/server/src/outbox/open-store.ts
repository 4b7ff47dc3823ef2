/**
 * `--store` specs: `sqlite:PATH[?synchronous=full]` (default `sqlite:./pixelpair.db`) or a
 * `postgres://` URL with an optional `?schema=NAME` that the outbox reads and pg does not see.
 */
import { existsSync } from 'node:fs';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { OutboxStore } from './store.js';

export const DEFAULT_STORE = 'sqlite:./pixelpair.db';

export type StoreSpec = { kind: 'sqlite'; path: string; synchronous?: 'full' | 'normal' } | { kind: 'postgres'; connectionString: string; schema?: string };

/** Throws a clear error for anything else (a misconfiguration, not a delivery failure). */
export function parseStoreSpec(spec: string): StoreSpec {
  const s = spec.trim();
  if (s.startsWith('sqlite:')) {
    const [path, query] = s.slice('sqlite:'.length).split('?', 2) as [string, string | undefined];
    if (!path) throw new Error('--store: `sqlite:` needs a file path, e.g. sqlite:./pixelpair.db');
    const synchronous = new URLSearchParams(query ?? '').get('synchronous');
    if (synchronous === null) return { kind: 'sqlite', path };
    if (synchronous !== 'full' && synchronous !== 'normal') throw new Error('--store: sqlite `?synchronous=` must be full or normal');
    return { kind: 'sqlite', path, synchronous };
  }
  if (/^postgres(ql)?:\/\//.test(s)) {
    const url = new URL(s);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return schema ? { kind: 'postgres', connectionString: url.toString(), schema } : { kind: 'postgres', connectionString: url.toString() };
  }
  throw new Error(`--store: expected sqlite:PATH or a postgres:// URL, got ${JSON.stringify(s.replace(/\/\/[^@/]*@/, '//***@'))}`);
}

export interface OpenStoreOptions {
  /** The read-only commands: refuse a store that does not exist instead of creating an empty, healthy-looking one. */
  mustExist?: boolean;
  /** PostgreSQL pool size (default 4). A worker holds one client per lane for the length of a send. */
  max?: number;
}

export async function openStore(spec: string = DEFAULT_STORE, options: OpenStoreOptions = {}): Promise<OutboxStore> {
  const parsed = parseStoreSpec(spec);
  if (parsed.kind === 'sqlite') {
    if (options.mustExist && !existsSync(parsed.path)) throw new Error(`--store: there is no outbox at ${parsed.path} (check the path; it is created by enqueue or a worker)`);
    return createSqliteStore(parsed.path, { ...(parsed.synchronous ? { synchronous: parsed.synchronous } : {}), ...(options.mustExist ? { mustExist: true } : {}) });
  }
  return createPostgresStore({
    connectionString: parsed.connectionString, ...(parsed.schema ? { schema: parsed.schema } : {}),
    ...(options.mustExist ? { mustExist: true } : {}), ...(options.max ? { max: options.max } : {}),
  });
}
