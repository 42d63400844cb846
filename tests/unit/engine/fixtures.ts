import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contact, Conversation, Message, Operator, Queue } from '../../../src/shared/domain/entities';
import type { ChangeBatch, EntityRecord } from '../../../src/shared/protocol/changes';
import type { CacheDb } from '../../../src/engine/db/handle';
import { openCacheDb } from '../../../src/engine/db/open';

export const T0 = 1_800_000_000_000;
export const CONSOLE_ID = '6f1c1c7e-3a43-4c1e-9a77-0d6d2f0b9c11';

export const tempDir = (prefix = 'desk-engine-'): string => mkdtempSync(join(tmpdir(), prefix));
export const freshDb = (): CacheDb => openCacheDb(tempDir());

export const queue = (id: string, name = id): Queue => ({
  id,
  name,
  nameCy: `${name} (cy)`,
  autoAssign: false,
});

export const operator = (id: string, name = id): Operator => ({
  id,
  name,
  role: 'operator',
  skills: [],
  status: 'available',
  statusSince: T0,
  capacity: 8,
});

export const contact = (id: string, displayName = id): Contact => ({
  id,
  platform: 'facebook',
  platformUserId: `fb-${id}`,
  displayName,
  language: 'en',
});

export const conversation = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id,
  platform: 'facebook',
  kind: 'dm',
  contactId: 'contact-1',
  queueId: 'q-general',
  status: 'open',
  assigneeId: null,
  leaseExpiresAt: null,
  priority: 'normal',
  language: 'en',
  category: 'general-enquiry',
  confidential: false,
  preview: 'hello',
  triageReasons: [],
  firstInboundAt: T0,
  firstResponseAt: null,
  lastInboundAt: T0,
  lastResponseAt: null,
  responseDueAt: T0 + 60 * 60_000,
  updatedAt: T0,
  ...over,
});

export const message = (
  id: string,
  conversationId: string,
  body: string,
  over: Partial<Message> = {},
): Message => ({
  id,
  conversationId,
  direction: 'inbound',
  authorId: null,
  body,
  redacted: false,
  platformMessageId: `pm-${id}`,
  createdAt: T0,
  ...over,
});

/** A batch numbering the records after `after`, one sequence each. */
export function batch(after: number, records: readonly EntityRecord[], hubTime = T0): ChangeBatch {
  return {
    after,
    upTo: after + records.length,
    changes: records.map((r, i) => ({ ...r, seq: after + i + 1, at: hubTime })),
    hubTime,
  };
}

export const seedRecords = (): EntityRecord[] => [
  { entity: 'queue', data: queue('q-general', 'General') },
  { entity: 'queue', data: queue('q-welsh', 'Welsh') },
  { entity: 'operator', data: operator('op-a', 'Alice') },
  { entity: 'operator', data: operator('op-b', 'Bob') },
  { entity: 'contact', data: contact('contact-1', 'Jo Public') },
  { entity: 'conversation', data: conversation('c-1') },
  { entity: 'message', data: message('m-1', 'c-1', 'My bike was stolen from the station') },
];
