import { randomUUID } from 'node:crypto';
import {
  operationAckSchema,
  pullResponseSchema,
  type Broadcast,
  type OperationAck,
  type OperationInput,
} from '../../../../src/shared/protocol';
import { hubRows as hubRowsOf } from '../../../support/hub';
import { waitFor } from '../../../support/wait';
import { allChanges, type RawConsole } from '../helpers';

export const ack = (value: unknown): OperationAck => operationAckSchema.parse(value);

export async function accept(c: RawConsole, input: OperationInput): Promise<void> {
  const answer = ack(await c.submit(input));
  if (answer.outcome !== 'accepted') throw new Error(`${input.type} rejected: ${answer.reason}`);
}

export function draftInput(
  overrides: Partial<Extract<OperationInput, { type: 'broadcast-save' }>> = {},
): Extract<OperationInput, { type: 'broadcast-save' }> {
  return {
    type: 'broadcast-save',
    broadcastId: randomUUID(),
    templateId: 'road-closure',
    title: 'M4 J24–J26',
    textEn:
      'ROAD CLOSURE: The M4 is closed between J24 and J26 because of a collision. Please avoid the area.',
    textCy: 'FFORDD AR GAU: Mae’r M4 ar gau rhwng C24 a C26 oherwydd gwrthdrawiad. Osgowch yr ardal.',
    channels: ['facebook', 'x'],
    ...overrides,
  };
}

/** A lead's approval of `broadcastId`, to publish now unless `publishAt` says later. */
export const approveInput = (
  broadcastId: string,
  comment = '',
  publishAt: number | null = null,
): Extract<OperationInput, { type: 'broadcast-approve' }> => ({
  type: 'broadcast-approve',
  broadcastId,
  comment,
  publishAt,
});

/** `author` saves `draft` and submits it; `lead` approves it. */
export async function saveSubmitApprove(
  author: RawConsole,
  lead: RawConsole,
  draft: Extract<OperationInput, { type: 'broadcast-save' }>,
  publishAt: number | null = null,
): Promise<void> {
  await accept(author, draft);
  await accept(author, { type: 'broadcast-submit', broadcastId: draft.broadcastId });
  await accept(lead, approveInput(draft.broadcastId, '', publishAt));
}

/** The latest broadcast record this console received. */
export function latestBroadcast(c: RawConsole, id: string): Broadcast | null {
  let found: Broadcast | null = null;
  for (const change of allChanges(c))
    if (change.entity === 'broadcast' && change.data.id === id) found = change.data;
  return found;
}

export function channelOf(b: Broadcast | null, channel: 'facebook' | 'x') {
  return b?.channelStatus.find((s) => s.channel === channel) ?? null;
}

export const hubRows = (dir: string, sql: string): unknown[] => hubRowsOf(dir, sql);

/** A 1×1 PNG: enough for the signature check and a real multipart upload. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The broadcast as the hub's change log has it now (for a console that connected late). */
export async function pulledBroadcast(c: RawConsole, id: string): Promise<Broadcast | null> {
  const response = pullResponseSchema.parse(await c.emitAck('sync:pull', { afterSeq: 0, limit: 5000 }));
  if (response.kind !== 'changes') throw new Error(`pull answered ${response.kind}`);
  let found: Broadcast | null = null;
  for (const change of response.batch.changes)
    if (change.entity === 'broadcast' && change.data.id === id) found = change.data;
  return found;
}

/** Pulls until the broadcast satisfies `ok`. */
export async function pullUntil(
  c: RawConsole,
  id: string,
  ok: (b: Broadcast) => boolean,
  timeoutMs = 10_000,
): Promise<Broadcast> {
  let last: Broadcast | null = null;
  return waitFor(
    async () => {
      last = await pulledBroadcast(c, id);
      return last !== null && ok(last) ? last : null;
    },
    {
      what: () => `the broadcast to reach the state: ${JSON.stringify(last?.channelStatus)}`,
      timeoutMs,
      intervalMs: 50,
    },
  );
}
