import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRegQuery, policyFromRegistry, readMachinePolicy } from '../../../../src/main/settings/registry';

// Captured from `reg query HKLM\SOFTWARE\Policies\SocialDesk /reg:64` on Windows (CRLF, as reg.exe prints).
const MSI_SAMPLE = readFileSync(join(import.meta.dirname, 'fixtures/reg-query-msi.txt'), 'utf8');
// The same key written by Group Policy: REG_EXPAND_SZ, a REG_SZ lock, an unrelated value and a subkey.
const GPO_SAMPLE = readFileSync(join(import.meta.dirname, 'fixtures/reg-query-gpo.txt'), 'utf8');
const NOT_FOUND = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

const work = mkdtempSync(join(tmpdir(), 'desk-reg-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A stand-in reg.exe: a real executable that prints what reg.exe printed and exits the same way. */
function fakeReg(name: string, stdout: string, stderr: string, code: number): string {
  const out = join(work, `${name}.out`);
  const err = join(work, `${name}.err`);
  writeFileSync(out, stdout);
  writeFileSync(err, stderr);
  const script = join(work, `${name}.sh`);
  writeFileSync(
    script,
    `#!/bin/sh\necho "$@" > "${script}.args"\ncat "${out}"\ncat "${err}" >&2\nexit ${String(code)}\n`,
  );
  chmodSync(script, 0o755);
  return script;
}

describe('parseRegQuery', () => {
  it('reads the values the MSI writes', () => {
    const values = parseRegQuery(MSI_SAMPLE);
    expect([...values.entries()]).toEqual([
      ['HubUrl', { type: 'REG_SZ', data: 'wss://desk-hub.force.local:4310' }],
      ['HubCaFile', { type: 'REG_SZ', data: 'C:\\certs\\force-root.pem' }],
      ['LockHub', { type: 'REG_DWORD', data: '0x1' }],
    ]);
  });

  it('keeps names with spaces, empty values, and stops at subkeys', () => {
    const values = parseRegQuery(GPO_SAMPLE);
    expect(values.get('(Default)')).toEqual({ type: 'REG_SZ', data: '' });
    expect(values.get('Notes for IT')).toEqual({ type: 'REG_MULTI_SZ', data: 'set by GPO\\0ticket 4411' });
    expect(values.get('HubCaFile')).toEqual({
      type: 'REG_EXPAND_SZ',
      data: '%ProgramData%\\SocialDesk\\force-root.pem',
    });
    expect(values.size).toBe(5);
  });

  it('finds nothing in an empty or foreign output', () => {
    expect(parseRegQuery('').size).toBe(0);
    expect(parseRegQuery('    HubUrl    REG_SZ    wss://before-any-key\r\n').size).toBe(0);
  });
});

describe('policyFromRegistry', () => {
  it('turns the MSI values into a locked hub policy', () => {
    expect(policyFromRegistry(parseRegQuery(MSI_SAMPLE), {})).toEqual({
      state: 'loaded',
      policy: {
        hubUrl: 'wss://desk-hub.force.local:4310',
        hubCaFile: 'C:\\certs\\force-root.pem',
        lockHub: true,
      },
    });
  });

  it('expands REG_EXPAND_SZ and accepts a REG_SZ lock of "0"', () => {
    expect(policyFromRegistry(parseRegQuery(GPO_SAMPLE), { PROGRAMDATA: 'C:\\ProgramData' })).toEqual({
      state: 'loaded',
      policy: {
        hubUrl: 'https://desk-hub.force.local:4310/desk',
        hubCaFile: 'C:\\ProgramData\\SocialDesk\\force-root.pem',
        lockHub: false,
      },
    });
  });

  it('reports and ignores a policy with a bad value', () => {
    const values = parseRegQuery(
      MSI_SAMPLE.replace('wss://desk-hub.force.local:4310', 'desk-hub.force.local'),
    );
    const result = policyFromRegistry(values, {});
    expect(result.state).toBe('ignored');
    expect(result.state === 'ignored' && result.warning).toMatch(/not valid and was ignored.*hubUrl/);
  });

  it('reports a LockHub that is neither 0 nor 1', () => {
    const result = policyFromRegistry(parseRegQuery(MSI_SAMPLE.replace('0x1', '0x2')), {});
    expect(result.state).toBe('ignored');
  });

  it('treats a key with none of our values as no policy', () => {
    expect(policyFromRegistry(new Map([['Other', { type: 'REG_SZ', data: 'x' }]]), {})).toEqual({
      state: 'absent',
    });
  });
});

describe('readMachinePolicy (reg.exe as a child process)', () => {
  it('queries the 64-bit policy key and parses what reg.exe prints', async () => {
    const reg = fakeReg('ok', MSI_SAMPLE, '', 0);
    const result = await readMachinePolicy(reg, {});
    expect(result).toEqual({
      state: 'loaded',
      policy: {
        hubUrl: 'wss://desk-hub.force.local:4310',
        hubCaFile: 'C:\\certs\\force-root.pem',
        lockHub: true,
      },
    });
    expect(readFileSync(`${reg}.args`, 'utf8').trim()).toBe(
      'query HKLM\\SOFTWARE\\Policies\\SocialDesk /reg:64',
    );
  });

  it('treats a missing key as no policy, without a warning', async () => {
    expect(await readMachinePolicy(fakeReg('missing', '', NOT_FOUND, 1), {})).toEqual({ state: 'absent' });
  });

  it('warns when reg.exe fails for another reason', async () => {
    const result = await readMachinePolicy(fakeReg('denied', '', 'ERROR: Access is denied.\r\n', 1), {});
    expect(result).toEqual({
      state: 'ignored',
      warning:
        'Machine policy HKLM\\SOFTWARE\\Policies\\SocialDesk could not be read (ERROR: Access is denied.).',
    });
  });

  it('warns when reg.exe cannot be started at all', async () => {
    const result = await readMachinePolicy(join(work, 'no-such-reg.exe'), {});
    expect(result.state).toBe('ignored');
    expect(result.state === 'ignored' && result.warning).toMatch(/could not be read \(.*ENOENT/);
  });
});
