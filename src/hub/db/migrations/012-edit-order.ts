import type { Migration } from './types';

/**
 * `messages.edit_order`: where the edit that gave a message its current text stands among
 * that message's edits, as the platform numbers them (Messenger's `num_edit`; for a Page
 * comment, the feed entry's time). Deliveries can arrive out of order; an older edit that
 * comes after a newer one must not put the older text back. Null until a numbered edit.
 */
export const migration012EditOrder: Migration = {
  version: 12,
  name: 'edit-order',
  up: (db) => {
    db.exec(`ALTER TABLE messages ADD COLUMN edit_order REAL;`);
  },
};
