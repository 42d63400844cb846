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

/** One table drives both the key handling and the `?` overlay, so they cannot disagree. */
export const SHORTCUTS: readonly {
  action: ShortcutAction;
  keys: string[];
  match: (e: KeyboardEvent) => boolean;
}[] = [
  { action: 'next', keys: ['j', '↓'], match: (e) => e.key === 'j' || e.key === 'ArrowDown' },
  { action: 'previous', keys: ['k', '↑'], match: (e) => e.key === 'k' || e.key === 'ArrowUp' },
  { action: 'claim', keys: ['c'], match: (e) => e.key === 'c' },
  { action: 'release', keys: ['u'], match: (e) => e.key === 'u' },
  { action: 'reply', keys: ['r'], match: (e) => e.key === 'r' },
  { action: 'note', keys: ['n'], match: (e) => e.key === 'n' },
  { action: 'send', keys: ['Ctrl', 'Enter'], match: (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) },
  { action: 'resolve', keys: ['e'], match: (e) => e.key === 'e' },
  { action: 'reopen', keys: ['o'], match: (e) => e.key === 'o' },
  { action: 'waiting', keys: ['w'], match: (e) => e.key === 'w' },
  { action: 'search', keys: ['/'], match: (e) => e.key === '/' },
  { action: 'mine', keys: ['m'], match: (e) => e.key === 'm' },
  { action: 'all', keys: ['a'], match: (e) => e.key === 'a' },
  {
    action: 'language',
    keys: ['Alt', 'L'],
    match: (e) => e.altKey && (e.key === 'l' || e.key === 'L' || e.code === 'KeyL'),
  },
  {
    action: 'theme',
    keys: ['Alt', 'T'],
    match: (e) => e.altKey && (e.key === 't' || e.key === 'T' || e.code === 'KeyT'),
  },
  { action: 'help', keys: ['?'], match: (e) => e.key === '?' },
];

/** Typing in a field must not trigger single-letter shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  const typing = isTypingTarget(event.target);
  for (const shortcut of SHORTCUTS) {
    if (!shortcut.match(event)) continue;
    // In a text field only the modified shortcuts apply.
    if (typing && !(event.ctrlKey || event.metaKey || event.altKey)) return null;
    if (!typing && (event.ctrlKey || event.metaKey) && shortcut.action !== 'send') return null;
    return shortcut.action;
  }
  return null;
}
