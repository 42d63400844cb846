import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SlaPolicyRecord } from '../../shared/protocol';
import { parseSlaPolicies, type SlaPolicies, type SlaPoliciesFile } from '../../shared/sla';
import { appendChange } from '../db/change-log';
import type { HubDb } from '../db/connection';
import { getSlaPolicies, getSlaPoliciesText, putSlaPolicies } from '../db/sla';

/** The defaults that ship with the hub. */
export const SHIPPED_POLICY_FILE = fileURLToPath(
  new URL('../../../resources/config/sla-policies.json', import.meta.url),
);

/** An operator's own policy file in the hub's data directory wins over the shipped one. */
export const POLICY_FILE_NAME = 'sla-policies.json';

export class SlaPolicyFileError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'SlaPolicyFileError';
  }
}

export interface PolicyFile {
  readonly path: string;
  readonly file: SlaPoliciesFile;
  readonly hash: string;
}

/** Reads and validates the policy file for `dataDir`; throws {@link SlaPolicyFileError} with every problem. */
export function readPolicyFile(dataDir: string): PolicyFile {
  const own = join(dataDir, POLICY_FILE_NAME);
  const path = existsSync(own) ? own : SHIPPED_POLICY_FILE;
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SlaPolicyFileError(
      path,
      `not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = parseSlaPolicies(json);
  if (!parsed.ok) throw new SlaPolicyFileError(path, parsed.error);
  return { path, file: json as SlaPoliciesFile, hash: createHash('sha256').update(text).digest('hex') };
}

const cache = new WeakMap<HubDb, { raw: string; policies: SlaPolicies }>();
let shipped: SlaPolicies | null = null;

function shippedPolicies(): SlaPolicies {
  if (shipped === null) {
    const parsed = parseSlaPolicies(JSON.parse(readFileSync(SHIPPED_POLICY_FILE, 'utf8')));
    if (!parsed.ok) throw new SlaPolicyFileError(SHIPPED_POLICY_FILE, parsed.error);
    shipped = parsed.policies;
  }
  return shipped;
}

/**
 * The policies in force: the stored ones, parsed once per change. A database the hub never
 * started on (e.g. a tool opening it directly) falls back to the shipped defaults.
 */
export function currentPolicies(db: HubDb): SlaPolicies {
  // Every inbound message asks: compare the stored text before parsing any of it.
  const text = getSlaPoliciesText(db);
  if (text === null) return shippedPolicies();
  const hit = cache.get(db);
  if (hit !== undefined && hit.raw === text) return hit.policies;
  const stored = getSlaPolicies(db);
  if (stored === null) return shippedPolicies();
  const parsed = parseSlaPolicies(stored.json);
  if (!parsed.ok) throw new Error(`stored SLA policies are invalid: ${parsed.error}`);
  cache.set(db, { raw: stored.raw, policies: parsed.policies });
  return parsed.policies;
}

export function policyRecord(db: HubDb): SlaPolicyRecord | null {
  const stored = getSlaPolicies(db);
  if (stored === null) return null;
  const parsed = parseSlaPolicies(stored.json);
  if (!parsed.ok) return null;
  return {
    id: 'current',
    policies: stored.json as SlaPoliciesFile,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

/** Stores new policies and logs them so every console receives them. Caller's transaction. */
export function storePolicies(
  db: HubDb,
  at: number,
  file: SlaPoliciesFile,
  updatedBy: string | null,
  sourceHash: string | null,
): void {
  putSlaPolicies(db, { json: file, updatedAt: at, updatedBy, sourceHash });
  appendChange(
    db,
    { entity: 'sla-policy', data: { id: 'current', policies: file, updatedAt: at, updatedBy } },
    at,
  );
}
