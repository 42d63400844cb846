import { z } from 'zod';
import { operationAckSchema, type OperationAck } from '../../shared/protocol';
import type { HubDb } from './connection';

const rowSchema = z.object({ ack_json: z.string() });

export function findAppliedAck(db: HubDb, opId: string): OperationAck | null {
  const row: unknown = db.prepare('SELECT ack_json FROM applied_operations WHERE op_id = ?').get(opId);
  if (row === undefined) return null;
  const json: unknown = JSON.parse(rowSchema.parse(row).ack_json);
  return operationAckSchema.parse(json);
}

export function recordAppliedOperation(
  db: HubDb,
  args: {
    opId: string;
    consoleId: string;
    consoleSeq: number;
    operatorId: string;
    ack: OperationAck;
    at: number;
  },
): void {
  db.prepare(
    `INSERT INTO applied_operations (op_id, console_id, console_seq, operator_id, ack_json, applied_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(args.opId, args.consoleId, args.consoleSeq, args.operatorId, JSON.stringify(args.ack), args.at);
}

export function countAppliedOperations(db: HubDb): number {
  return z.object({ n: z.number() }).parse(db.prepare('SELECT COUNT(*) AS n FROM applied_operations').get())
    .n;
}
