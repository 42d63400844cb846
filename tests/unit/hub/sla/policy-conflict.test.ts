import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_POLICY_FILE } from '../../../../src/hub/sla/policies';
import type { OperationAck } from '../../../../src/shared/protocol';
import type { SlaPoliciesFile } from '../../../../src/shared/sla';
import { ack, hubRows } from '../broadcasts/support';
import { deskPerTest, type RawConsole } from '../helpers';

const desks = deskPerTest();

/** The shipped targets with the crime queue's first response set to `firstResponse`. */
function withCrimeFirstResponse(firstResponse: string): SlaPoliciesFile {
  const file = JSON.parse(readFileSync(SHIPPED_POLICY_FILE, 'utf8')) as SlaPoliciesFile;
  const crime = file.queues['crime'];
  if (crime === undefined) throw new Error('no crime queue in the shipped policies');
  return { ...file, queues: { ...file.queues, crime: { ...crime, firstResponse } } };
}

function stored(): { updatedAt: number; firstResponse: string } {
  const [row] = hubRows(desks.current().dir, 'SELECT json, updated_at FROM sla_policies') as {
    json: string;
    updated_at: number;
  }[];
  if (row === undefined) throw new Error('no stored policies');
  const file = JSON.parse(row.json) as SlaPoliciesFile;
  return { updatedAt: row.updated_at, firstResponse: file.queues['crime']?.firstResponse ?? '' };
}

/** A lead sets crime's first response, naming the targets the change was made on (if any). */
async function setCrime(c: RawConsole, firstResponse: string, basedOn?: number): Promise<OperationAck> {
  const policies = withCrimeFirstResponse(firstResponse);
  return ack(
    await c.submit({ type: 'set-sla-policy', policies, ...(basedOn === undefined ? {} : { basedOn }) }),
  );
}

describe('changing the response targets', () => {
  it('refuses a change based on targets another lead has replaced since; a change on the latest applies', async () => {
    await desks.start({ lena: ['lead'], leo: ['lead'] });
    const lena = await desks.open('lena');
    const leo = await desks.open('leo');
    const opened = stored().updatedAt;

    // Both leads opened the same targets; leo saves first.
    expect((await setCrime(leo, '20m', opened)).outcome).toBe('accepted');
    const afterLeo = stored();
    expect(afterLeo).toMatchObject({ firstResponse: '20m' });
    expect(afterLeo.updatedAt).toBeGreaterThan(opened);

    const stale = await setCrime(lena, '30m', opened);
    expect(stale).toMatchObject({ outcome: 'rejected', code: 'conflict' });
    expect(stale.outcome === 'rejected' && stale.reason).toMatch(
      /changed by leo at .* UTC after you opened them/,
    );
    expect(stored()).toEqual(afterLeo);

    // Opened again, her change applies, and each change has a later updatedAt than the one before.
    expect((await setCrime(lena, '30m', afterLeo.updatedAt)).outcome).toBe('accepted');
    const afterLena = stored();
    expect(afterLena.firstResponse).toBe('30m');
    expect(afterLena.updatedAt).toBeGreaterThan(afterLeo.updatedAt);
    expect((await setCrime(leo, '25m', afterLena.updatedAt)).outcome).toBe('accepted');
    expect(stored().updatedAt).toBeGreaterThan(afterLena.updatedAt);

    // An older console sends no basedOn and means the targets in force.
    expect((await setCrime(lena, '15m')).outcome).toBe('accepted');
    expect(stored().firstResponse).toBe('15m');
    const audited = hubRows(
      desks.current().dir,
      "SELECT COUNT(*) AS n FROM audit WHERE action = 'sla.policies-changed'",
    ) as { n: number }[];
    expect(audited[0]?.n).toBe(4);
  });
});
