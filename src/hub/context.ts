import type { ProfanityLists } from '../shared/triage/word-lists';
import type { HubDb } from './db/connection';

/** What every part of the hub shares: the database, the clock and the commit hook. */
export interface HubContext {
  readonly db: HubDb;
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly leaseGraceMs: number;
  /** True while the operator has at least one console connected. */
  readonly isOnline: (operatorId: string) => boolean;
  /** The desk's editable profanity lists (absent: the built-in ones). */
  readonly profanity?: () => ProfanityLists;
  /**
   * Runs `fn` in one SQLite transaction, then fans out whatever it appended to the
   * change log. Everything that changes hub state goes through here.
   */
  commit<T>(fn: () => T): T;
  /**
   * Like `commit`, but shares one transaction (and one disk flush) with whatever else is
   * committed in this turn of the event loop; resolves once it is durable. For work that
   * arrives in bursts from outside: webhook deliveries and operations from consoles.
   */
  commitGrouped<T>(fn: () => T): Promise<T>;
}
