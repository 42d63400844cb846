/**
 * Run as its own process by checkpoints.test.ts: opens a cache, starts checkpoints in a
 * worker, writes, stops them and says so. Nothing else keeps this process alive while
 * the worker closes its connection, as in a tool that closes its engine and ends.
 */
import { startCheckpoints } from '../../src/sqlite/checkpoints';
import { openCacheDb } from '../../src/engine/db/open';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: checkpoints-stop-child.ts <dir>');
const db = openCacheDb(dir);
const checkpoints = startCheckpoints(db, { everyMs: 10 });
db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
db.transaction(() => {
  for (let i = 0; i < 2000; i += 1) insert.run('x'.repeat(500));
})();
await checkpoints.stop();
db.close();
process.stdout.write('stopped\n');
