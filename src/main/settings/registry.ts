import { execFile } from 'node:child_process';
import { describeIssues, policySchema, type PolicySettings } from './schema';
import { envValue, type Env } from './paths';

export const POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\SocialDesk';

export interface RegValue {
  readonly type: string;
  /** The value as reg.exe printed it (REG_DWORD as 0x..., REG_SZ as text). */
  readonly data: string;
}

// reg.exe separates name, type and data with four spaces; names themselves may hold spaces.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/**
 * Parses the output of `reg query <key>`: the values directly under the first key listed.
 * Subkeys (listed after the values, or as sections with /s) are not part of the key's values.
 */
export function parseRegQuery(output: string): Map<string, RegValue> {
  const values = new Map<string, RegValue>();
  let seenKey = false;
  for (const rawLine of output.split(/\r?\n/)) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (/^HKEY_/i.test(line)) {
      if (seenKey) break;
      seenKey = true;
      continue;
    }
    if (!seenKey) continue;
    const found = VALUE_LINE.exec(line);
    if (!found) continue;
    const [, name, type, data] = found;
    if (name === undefined || type === undefined) continue;
    values.set(name, { type, data: data ?? '' });
  }
  return values;
}

function expandEnv(text: string, env: Env): string {
  return text.replace(/%([^%]+)%/g, (whole, name: string) => envValue(env, name) ?? whole);
}

function stringValue(value: RegValue | undefined, env: Env): string | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'REG_SZ') return value.data === '' ? undefined : value.data;
  if (value.type === 'REG_EXPAND_SZ') return value.data === '' ? undefined : expandEnv(value.data, env);
  return `<${value.type}>`;
}

/** LockHub is a REG_DWORD when written by the MSI or an ADMX, but a REG_SZ "1" is accepted too. */
function lockValue(value: RegValue | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'REG_DWORD') {
    const number = Number.parseInt(value.data, value.data.toLowerCase().startsWith('0x') ? 16 : 10);
    if (number === 1) return true;
    if (number === 0) return false;
    return value.data;
  }
  if (value.type === 'REG_SZ') {
    if (value.data.trim() === '1') return true;
    if (value.data.trim() === '0' || value.data.trim() === '') return false;
  }
  return `${value.type} ${value.data}`;
}

export type PolicyResult =
  | { readonly state: 'absent' }
  | { readonly state: 'loaded'; readonly policy: PolicySettings }
  | { readonly state: 'ignored'; readonly warning: string };

/** Decodes the policy key's values with zod: a bad value means the whole policy is reported and ignored. */
export function policyFromRegistry(values: ReadonlyMap<string, RegValue>, env: Env): PolicyResult {
  const raw = {
    hubUrl: stringValue(values.get('HubUrl'), env),
    hubCaFile: stringValue(values.get('HubCaFile'), env),
    lockHub: lockValue(values.get('LockHub')),
  };
  if (raw.hubUrl === undefined && raw.hubCaFile === undefined && raw.lockHub === undefined)
    return { state: 'absent' };
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    return {
      state: 'ignored',
      warning: `Machine policy ${POLICY_KEY} is not valid and was ignored (${describeIssues(parsed.error)}).`,
    };
  }
  return { state: 'loaded', policy: parsed.data };
}

interface RegRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly failure?: string;
}

function runReg(regExe: string): Promise<RegRun> {
  return new Promise((resolve) => {
    execFile(
      regExe,
      ['query', POLICY_KEY, '/reg:64'],
      { windowsHide: true, timeout: 10_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const code = typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr, ...(code === null ? { failure: error.message } : {}) });
      },
    );
  });
}

/**
 * Reads machine policy with reg.exe (no native registry module to rebuild for Electron).
 * A missing key is normal — most desks are not managed by policy — and is not a warning.
 */
export async function readMachinePolicy(regExe: string, env: Env): Promise<PolicyResult> {
  const run = await runReg(regExe);
  if (run.code === 0) return policyFromRegistry(parseRegQuery(run.stdout), env);
  if (run.code === 1 && /unable to find/i.test(run.stderr)) return { state: 'absent' };
  const reason = run.failure ?? (run.stderr.trim() || `reg.exe exited with code ${String(run.code)}`);
  return { state: 'ignored', warning: `Machine policy ${POLICY_KEY} could not be read (${reason}).` };
}
