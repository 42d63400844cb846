import { migration001 } from './001-initial';
import type { Migration } from './types';

/** In order, never edited after release: a new layout is a new file. */
export const migrations: readonly Migration[] = [migration001];

export const LATEST_VERSION = migrations.length;
export type { Migration };
