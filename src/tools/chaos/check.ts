import Database from 'better-sqlite3';
import { z } from 'zod';
import { verifyAudit } from '../../hub/db/audit';
import { operationAckSchema } from '../../shared/protocol/operations';

/** What the consoles and the traffic generator reported during the run. */
export interface ChaosFacts {
  /** Every action a console put in its outbox: opId → who and what. */
  readonly submitted: ReadonlyMap<
    string,
    { readonly console: number; readonly type: string; readonly body: string | null }
  >;
  /** Every outcome a console showed its operator: opId → accepted or rejected. */
  readonly outcomes: ReadonlyMap<
    string,
    { readonly console: number; readonly outcome: 'accepted' | 'rejected' }
  >;
  /** Platform message ids of webhook deliveries the hub answered 200. */
  readonly storedMids: ReadonlySet<string>;
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** A count or a short summary on success; the first few offenders on failure. */
  readonly detail: string;
}

const MAX_LISTED = 5;

const result = (name: string, problems: readonly string[], okDetail: string): CheckResult => ({
  name,
  ok: problems.length === 0,
  detail:
    problems.length === 0
      ? okDetail
      : `${String(problems.length)} problem(s): ${problems.slice(0, MAX_LISTED).join('; ')}${problems.length > MAX_LISTED ? '; …' : ''}`,
});

const auditDetailSchema = z.object({ opId: z.string(), outcome: z.string() });
const appliedRowSchema = z.object({ op_id: z.string(), ack_json: z.string() });

/**
 * Checks the hub's own records (read from its SQLite file after the run) against what the
 * consoles were told: nothing accepted is missing, nothing is applied twice, every queued
 * action reached the hub, every stored webhook is there once, and the audit chain holds.
 */
export function checkHubRecords(hubDbFile: string, facts: ChaosFacts): CheckResult[] {
  const db = new Database(hubDbFile, { readonly: true, fileMustExist: true });
  try {
    const applied = new Map<string, 'accepted' | 'rejected'>();
    for (const raw of db.prepare('SELECT op_id, ack_json FROM applied_operations').all()) {
      const row = appliedRowSchema.parse(raw);
      applied.set(row.op_id, operationAckSchema.parse(JSON.parse(row.ack_json)).outcome);
    }
    const audited = new Map<string, string[]>();
    for (const raw of db.prepare(`SELECT detail FROM audit WHERE action LIKE 'op.%' ORDER BY id`).all()) {
      const detail = auditDetailSchema.parse(JSON.parse(z.object({ detail: z.string() }).parse(raw).detail));
      audited.set(detail.opId, [...(audited.get(detail.opId) ?? []), detail.outcome]);
    }
    const bodyCount = new Map<string, number>();
    for (const raw of db.prepare(`SELECT body FROM messages WHERE direction != 'inbound'`).all()) {
      const body = z.object({ body: z.string() }).parse(raw).body;
      bodyCount.set(body, (bodyCount.get(body) ?? 0) + 1);
    }
    const midCount = new Map<string, number>();
    for (const raw of db
      .prepare('SELECT platform_message_id AS mid FROM messages WHERE platform_message_id IS NOT NULL')
      .all()) {
      const mid = z.object({ mid: z.string() }).parse(raw).mid;
      midCount.set(mid, (midCount.get(mid) ?? 0) + 1);
    }

    const checks: CheckResult[] = [];

    // 1. Told accepted ⇒ applied and audited as accepted, exactly once.
    const lost: string[] = [];
    let acceptedCount = 0;
    for (const [opId, told] of facts.outcomes) {
      const audits = audited.get(opId) ?? [];
      const stored = applied.get(opId);
      if (told.outcome === 'accepted') {
        acceptedCount += 1;
        if (stored !== 'accepted')
          lost.push(
            `console ${String(told.console)} op ${opId} was acked accepted but the hub has ${stored ?? 'no record'}`,
          );
        else if (audits.length !== 1 || audits[0] !== 'accepted')
          lost.push(
            `console ${String(told.console)} op ${opId} accepted but audited ${String(audits.length)} time(s) (${audits.join(',')})`,
          );
      } else if (stored !== 'rejected') {
        lost.push(
          `console ${String(told.console)} op ${opId} was shown rejected but the hub recorded ${stored ?? 'nothing'}`,
        );
      }
    }
    checks.push(
      result(
        'every accepted action is in the hub exactly once',
        lost,
        `${String(acceptedCount)} accepted, ${String(facts.outcomes.size - acceptedCount)} rejected, all as told`,
      ),
    );

    // 2. Every action that entered an outbox reached the hub (accepted or rejected).
    const unsent = [...facts.submitted.entries()]
      .filter(([opId]) => !applied.has(opId))
      .map(([opId, s]) => `console ${String(s.console)} ${s.type} ${opId} never reached the hub`);
    checks.push(
      result(
        'every queued action reached the hub',
        unsent,
        `${String(facts.submitted.size)} queued, all answered`,
      ),
    );

    // 3. No action applied twice: one audit row per op id, one row per applied op, one message per body.
    const twice: string[] = [];
    for (const [opId, outcomes] of audited)
      if (outcomes.length > 1) twice.push(`op ${opId} audited ${String(outcomes.length)} times`);
    const auditedTotal = [...audited.values()].reduce((n, o) => n + o.length, 0);
    if (auditedTotal !== applied.size)
      twice.push(`${String(auditedTotal)} op audit rows for ${String(applied.size)} applied operations`);
    for (const [opId, s] of facts.submitted) {
      if (s.body === null) continue;
      const n = bodyCount.get(s.body) ?? 0;
      const outcome = applied.get(opId);
      const expected = outcome === 'accepted' ? 1 : 0;
      if (outcome !== undefined && n !== expected)
        twice.push(`${s.type} ${opId} (${outcome}) left ${String(n)} message(s)`);
    }
    checks.push(
      result('no action applied twice', twice, `${String(applied.size)} operations, each applied once`),
    );

    // 4. Webhook deliveries the hub answered 200 are stored, once each.
    const webhookProblems = [...facts.storedMids]
      .filter((mid) => midCount.get(mid) !== 1)
      .map((mid) => `message ${mid} stored ${String(midCount.get(mid) ?? 0)} times`);
    checks.push(
      result(
        'every acknowledged webhook message is stored once',
        webhookProblems,
        `${String(facts.storedMids.size)} messages`,
      ),
    );

    // 5. The audit hash chain.
    const verification = verifyAudit(db);
    checks.push(
      verification.ok
        ? { name: 'the audit chain verifies', ok: true, detail: `${String(verification.rows)} rows` }
        : {
            name: 'the audit chain verifies',
            ok: false,
            detail: `row ${String(verification.rowId)}: ${verification.reason}`,
          },
    );
    return checks;
  } finally {
    db.close();
  }
}
