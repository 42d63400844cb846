import type { CacheDb } from '../handle';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration's transaction; must not manage transactions itself. */
  up(db: CacheDb): void;
}
