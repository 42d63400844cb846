export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'claim'
  | 'release'
  | 'reply'
  | 'note'
  | 'send'
  | 'resolve'
  | 'reopen'
  | 'waiting'
  | 'search'
  | 'mine'
  | 'all'
  | 'language'
  | 'theme'
  | 'help';

export type ShortcutKey = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/**
 * One table drives both the key handling and the `?` overlay, so they cannot disagree.
 * `modified` shortcuts hold Ctrl or Alt and work everywhere, text fields included; the rest
 * are plain keys and work only outside a text field with no Ctrl, Alt or ⌘ held. `everyTab`
 * shortcuts act on the Broadcasts, Moderation, Workload and SLA tabs too; the rest act on a
 * conversation or the list, which only the Conversations tab shows.
 */
export const SHORTCUTS: readonly {
  action: ShortcutAction;
  keys: string[];
  modified?: true;
  everyTab?: true;
  match: (e: ShortcutKey) => boolean;
}[] = [
  { action: 'next', keys: ['j', '↓'], match: (e) => e.key === 'j' || e.key === 'ArrowDown' },
  { action: 'previous', keys: ['k', '↑'], match: (e) => e.key === 'k' || e.key === 'ArrowUp' },
  { action: 'claim', keys: ['c'], match: (e) => e.key === 'c' },
  { action: 'release', keys: ['u'], match: (e) => e.key === 'u' },
  { action: 'reply', keys: ['r'], match: (e) => e.key === 'r' },
  { action: 'note', keys: ['n'], match: (e) => e.key === 'n' },
  {
    action: 'send',
    keys: ['Ctrl', 'Enter'],
    modified: true,
    match: (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey),
  },
  { action: 'resolve', keys: ['e'], match: (e) => e.key === 'e' },
  { action: 'reopen', keys: ['o'], match: (e) => e.key === 'o' },
  { action: 'waiting', keys: ['w'], match: (e) => e.key === 'w' },
  { action: 'search', keys: ['/'], match: (e) => e.key === '/' },
  { action: 'mine', keys: ['m'], match: (e) => e.key === 'm' },
  { action: 'all', keys: ['a'], match: (e) => e.key === 'a' },
  {
    action: 'language',
    keys: ['Alt', 'L'],
    modified: true,
    everyTab: true,
    match: (e) => e.altKey && (e.key === 'l' || e.key === 'L' || e.code === 'KeyL'),
  },
  {
    action: 'theme',
    keys: ['Alt', 'T'],
    modified: true,
    everyTab: true,
    match: (e) => e.altKey && (e.key === 't' || e.key === 'T' || e.code === 'KeyT'),
  },
  { action: 'help', keys: ['?'], everyTab: true, match: (e) => e.key === '?' },
];

/** Typing in a field must not trigger single-letter shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The action a key press asks for, if any. `typing` is whether it was pressed in a text field:
 * there Ctrl+C must copy and Ctrl+A select, not claim the conversation or switch lists, and
 * Ctrl+↓ must move the caret, not open another conversation and lose the draft.
 * `onConversations` is whether the Conversations tab is showing: elsewhere only the
 * `everyTab` shortcuts act (the language, theme and help keys did nothing there before).
 */
export function shortcutFor(
  event: ShortcutKey,
  typing: boolean,
  onConversations = true,
): ShortcutAction | null {
  const held = event.ctrlKey || event.metaKey || event.altKey;
  for (const shortcut of SHORTCUTS) {
    if (!shortcut.match(event)) continue;
    if (!onConversations && shortcut.everyTab !== true) return null;
    if (shortcut.modified === true) return shortcut.action;
    return typing || held ? null : shortcut.action;
  }
  return null;
}
