import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHubRecords, type ChaosFacts } from '../../../src/tools/chaos/check';
import { formatReport, runChaos, type ChaosReport } from '../../../src/tools/chaos/run';
import { tamperHub, type HubTamper } from '../../../src/tools/chaos/tamper';

const kept: string[] = [];
afterAll(() => {
  for (const dir of kept) rmSync(dir, { recursive: true, force: true });
});

const failing = (report: ChaosReport): string[] => report.checks.filter((c) => !c.ok).map((c) => c.name);

describe('the chaos run', () => {
  it('survives hub and console SIGKILLs and cut-offs with nothing lost or applied twice', async () => {
    const report = await runChaos({
      seconds: 15,
      consoles: 3,
      hubKills: 2,
      seed: 1234,
      actionIntervalMs: 300,
    });
    if (!report.ok) kept.push(report.workDir);
    expect(failing(report), formatReport(report)).toEqual([]);
    expect(report.hubKills).toBeGreaterThanOrEqual(1);
    expect(report.actions.accepted).toBeGreaterThan(10);
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "every console's cache equals the hub's view for its operator",
        'every accepted action is in the hub exactly once',
        'no action applied twice',
        'the audit chain verifies',
      ]),
    );
    expect(formatReport(report)).toContain('RESULT: PASS');
  }, 240_000);

  it('detects a tampered console cache and tampered hub records', async () => {
    let facts: ChaosFacts | null = null;
    let hubFile = '';
    const report = await runChaos({
      seconds: 6,
      consoles: 2,
      hubKills: 0,
      seed: 99,
      actionIntervalMs: 200,
      keep: true,
      tamperConsoleCache: true,
      beforeHubCheck: (file, f) => {
        hubFile = file;
        facts = f;
        copyFileSync(file, `${file}.pristine`);
      },
    });
    kept.push(report.workDir);
    expect(report.ok).toBe(false);
    // Only the cache checks: the hub's records are intact.
    expect(failing(report)).toContain("every console's cache equals the hub's view for its operator");
    expect(failing(report).every((name) => name.startsWith("every console's"))).toBe(true);
    expect(report.checks.find((c) => !c.ok)?.detail).toMatch(/console 0: conversation differ/);

    // The hub's own records, damaged three ways on copies of the finished database.
    expect(facts).not.toBeNull();
    const f = facts as unknown as ChaosFacts;
    const acceptedNote = [...f.outcomes.entries()].find(
      ([opId, o]) => o.outcome === 'accepted' && f.submitted.get(opId)?.type === 'note',
    )?.[0];
    expect(acceptedNote).toBeDefined();
    const expected: Record<HubTamper, string> = {
      'audit-edit': 'the audit chain verifies',
      'duplicate-op': 'no action applied twice',
      'lost-op': 'every accepted action is in the hub exactly once',
    };
    const pristine = `${hubFile}.pristine`;
    expect(checkHubRecords(pristine, f).every((c) => c.ok)).toBe(true);
    for (const [kind, check] of Object.entries(expected) as [HubTamper, string][]) {
      const copy = join(report.workDir, `tampered-${kind}.sqlite`);
      copyFileSync(pristine, copy);
      for (const suffix of ['-wal', '-shm']) if (existsSync(copy + suffix)) rmSync(copy + suffix);
      tamperHub(copy, kind, acceptedNote ?? '');
      const failed = checkHubRecords(copy, f)
        .filter((c) => !c.ok)
        .map((c) => c.name);
      expect(failed, kind).toContain(check);
    }
  }, 240_000);
});
