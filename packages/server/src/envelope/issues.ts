/** zod issues → `{ path: "user.email[1]", message }`, the one error shape the CLI and the API share. */
import type { z } from 'zod';
import type { Issue } from '../types.js';

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown key (check its spelling against the envelope format)' }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}
