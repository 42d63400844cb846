import Database from 'better-sqlite3';
import { hubDbPath } from '../../src/hub/db/connection';
import { addUser } from '../../src/hub/users';
import type { Role, Skill } from '../../src/shared/domain/enums';
import { loginResponseSchema } from '../../src/shared/protocol';

/** `{ name: [role, skills] }`. */
export type UserSpecs = Readonly<Record<string, readonly [Role, Skill[]?]>>;

/** Creates the users in a hub's data dir (before or while it runs); returns name → id. */
export async function addUsers(
  dataDir: string,
  users: UserSpecs,
  password: string,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [name, [role, skills]] of Object.entries(users)) {
    ids[name] = (await addUser(dataDir, { name, role, password, skills: skills ?? [] })).id;
  }
  return ids;
}

/** Logs in over the hub's HTTP API; returns the session token. */
export async function loginToken(hubUrl: string, name: string, password: string): Promise<string> {
  const response = await fetch(`${hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = loginResponseSchema.parse(await response.json());
  if (!body.ok) throw new Error(`login failed: ${body.error}`);
  return body.token;
}

/** Rows read straight from a hub's SQLite file (read-only). */
export function hubRows<T = unknown>(hubDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(hubDbPath(hubDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
