import { migration001 } from './001-initial';
import { migration002 } from './002-leads';
import { migration003 } from './003-sla';
import { migration004 } from './004-broadcasts';
import { migration005 } from './005-moderation';
import { migration006 } from './006-list-indexes';
import { migration007 } from './007-search-index';
import { migration008 } from './008-list-covering-indexes';
import { migration009 } from './009-watch-indexes';
import { migration010 } from './010-outbox-quarantine';
import { migration011 } from './011-search-index-writes';
import { migration012 } from './012-confirmed-copies';
import { migration013 } from './013-undelivered';
import type { Migration } from './types';

/** In order, never edited after release: a new layout is a new file. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
];

export const LATEST_VERSION = migrations.length;
export type { Migration };
