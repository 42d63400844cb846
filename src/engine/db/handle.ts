import type Database from 'better-sqlite3';

/** The console's cache database handle; every query module takes it as first argument. */
export type CacheDb = Database.Database;
