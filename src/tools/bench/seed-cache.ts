import { randomUUID } from 'node:crypto';
import { DEFAULT_QUEUES } from '../../hub/routing';
import { putViewConversation } from '../../engine/db/conversations';
import { putContact, putOperator, putQueue } from '../../engine/db/directory';
import { putConfirmedMessages } from '../../engine/db/messages';
import { cacheOwnerOf, setMeta } from '../../engine/db/meta';
import { openCacheDb } from '../../engine/db/open';
import type { Contact, Conversation, Message, Operator } from '../../shared/domain/entities';

const WORDS = [
  'stolen',
  'bike',
  'car',
  'window',
  'smashed',
  'neighbour',
  'noise',
  'late',
  'night',
  'shed',
  'burglary',
  'missing',
  'dog',
  'scam',
  'phone',
  'call',
  'bank',
  'speeding',
  'road',
  'school',
  'park',
  'graffiti',
  'beic',
  'wedi',
  'dwyn',
  'car',
  'ffenest',
  'cymydog',
  'sŵn',
  'heddlu',
  'ŵyn',
  'fferm',
  'help',
  'update',
];
const LANGUAGES = ['en', 'cy'] as const;
const STATUSES = ['open', 'open', 'open', 'waiting-on-public', 'resolved'] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'low'] as const;

export interface SeedOptions {
  readonly conversations: number;
  readonly messagesPerConversation: number;
  /** The signed-in operator, so the console opens straight onto its queue. */
  readonly operator: Operator;
  readonly hubUrl: string;
}

/**
 * Fills a console cache as a long-running desk would have it, straight through the engine's
 * own table functions (the same rows sync would write), in one transaction per 5,000
 * conversations. Deterministic enough to be comparable between runs.
 */
export function seedCache(dataDir: string, options: SeedOptions): void {
  const db = openCacheDb(dataDir);
  try {
    const now = Date.now();
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const word = (): string => WORDS[rand(WORDS.length)] ?? 'help';
    db.transaction(() => {
      for (const q of DEFAULT_QUEUES) putQueue(db, q);
      putOperator(db, options.operator);
      setMeta(db, 'operator', options.operator);
      setMeta(db, 'hubUrl', options.hubUrl);
      setMeta(db, 'token', 'bench-seeded-session');
      setMeta(db, 'tokenExpiresAt', now + 12 * 3600_000);
      setMeta(db, 'cacheOwner', cacheOwnerOf(options.hubUrl, options.operator));
      setMeta(db, 'lastSeq', options.conversations * (options.messagesPerConversation + 2));
    })();
    const CHUNK = 5000;
    for (let start = 0; start < options.conversations; start += CHUNK) {
      db.transaction(() => {
        const messages: Message[] = [];
        for (let i = start; i < Math.min(options.conversations, start + CHUNK); i += 1) {
          const language = rand(4) === 0 ? LANGUAGES[1] : LANGUAGES[0];
          const contact: Contact = {
            id: randomUUID(),
            platform: rand(3) === 0 ? 'x' : 'facebook',
            platformUserId: `user-${String(i)}`,
            displayName: `Member of the public ${String(i)}`,
            language,
          };
          putContact(db, contact);
          const first = now - rand(30 * 24 * 3600_000);
          const status = STATUSES[rand(STATUSES.length)] ?? 'open';
          const body = (): string => Array.from({ length: 12 }, word).join(' ');
          const conversation: Conversation = {
            id: randomUUID(),
            platform: contact.platform,
            kind: rand(4) === 0 ? 'comment' : 'dm',
            contactId: contact.id,
            queueId: DEFAULT_QUEUES[rand(DEFAULT_QUEUES.length)]?.id ?? 'general',
            status,
            assigneeId: rand(5) === 0 ? options.operator.id : null,
            leaseExpiresAt: null,
            priority: PRIORITIES[rand(PRIORITIES.length)] ?? 'normal',
            language,
            category: 'general-enquiry',
            confidential: false,
            preview: body(),
            triageReasons: [],
            firstInboundAt: first,
            firstResponseAt: null,
            lastInboundAt: first + rand(3600_000),
            lastResponseAt: null,
            responseDueAt: status === 'resolved' ? null : first + rand(4 * 3600_000),
            updatedAt: first,
          };
          putViewConversation(db, conversation, false);
          for (let m = 0; m < options.messagesPerConversation; m += 1) {
            const message: Message = {
              id: randomUUID(),
              conversationId: conversation.id,
              direction: m % 2 === 0 ? 'inbound' : 'outbound',
              authorId: m % 2 === 0 ? null : options.operator.id,
              body: body(),
              redacted: false,
              platformMessageId: null,
              createdAt: first + m * 60_000,
            };
            messages.push(message);
          }
        }
        putConfirmedMessages(db, messages);
      })();
    }
  } finally {
    db.close();
  }
}
