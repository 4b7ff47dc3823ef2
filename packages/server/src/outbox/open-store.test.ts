import { describe, expect, it } from 'vitest';
import { parseStoreSpec } from './open-store.js';

describe('parseStoreSpec', () => {
  it.each([
    ['sqlite:./pixelpair.db', { kind: 'sqlite', path: './pixelpair.db' }],
    ['sqlite:/var/lib/pp.db?synchronous=full', { kind: 'sqlite', path: '/var/lib/pp.db', synchronous: 'full' }],
    ['sqlite:/var/lib/pp.db?synchronous=normal', { kind: 'sqlite', path: '/var/lib/pp.db', synchronous: 'normal' }],
    ['postgres://u@db:5432/shop', { kind: 'postgres', connectionString: 'postgres://u@db:5432/shop' }],
    ['postgresql://u@db/shop?schema=outbox&sslmode=require', { kind: 'postgres', connectionString: 'postgresql://u@db/shop?sslmode=require', schema: 'outbox' }],
  ])('%s', (spec, parsed) => {
    expect(parseStoreSpec(spec)).toEqual(parsed);
  });

  it.each([
    ['sqlite:', /needs a file path/],
    ['sqlite:x.db?synchronous=off', /full or normal/],
    ['mysql://root:secret@db/shop', /expected sqlite:PATH or a postgres:\/\/ URL/],
  ])('refuses %s clearly', (spec, message) => {
    expect(() => parseStoreSpec(spec)).toThrow(message);
  });

  it('never echoes a password', () => {
    expect(() => parseStoreSpec('mysql://root:secret@db/shop')).toThrow(/^(?!.*secret)/);
  });
});
