import { describe, expect, it } from 'vitest';
import { shortcutFor, type ShortcutKey } from '../../../../src/renderer/src/console/shortcuts';

const press = (key: string, held: Partial<Omit<ShortcutKey, 'key'>> = {}): ShortcutKey => ({
  key,
  code: `Key${key.toUpperCase()}`,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...held,
});

describe('shortcutFor', () => {
  it('maps plain keys outside a text field', () => {
    expect(shortcutFor(press('c'), false)).toBe('claim');
    expect(shortcutFor(press('ArrowDown'), false)).toBe('next');
    expect(shortcutFor(press('a'), false)).toBe('all');
    expect(shortcutFor(press('?'), false)).toBe('help');
  });

  it('leaves Ctrl, ⌘ and Alt with a letter or arrow to the text field being typed in', () => {
    // Copy, select all, caret moves: none may claim, switch lists, resolve or change conversation.
    expect(shortcutFor(press('c', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('a', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('e', { metaKey: true }), true)).toBeNull();
    expect(shortcutFor(press('ArrowDown', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('u', { altKey: true }), true)).toBeNull();
    expect(shortcutFor(press('c'), true)).toBeNull();
  });

  it('leaves Ctrl, ⌘ and Alt with a letter to the browser outside a text field too', () => {
    expect(shortcutFor(press('c', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('e', { altKey: true }), false)).toBeNull();
  });

  it('keeps the shortcuts that are made with Ctrl or Alt working everywhere', () => {
    expect(shortcutFor(press('Enter', { ctrlKey: true }), true)).toBe('send');
    expect(shortcutFor(press('Enter', { metaKey: true }), true)).toBe('send');
    expect(shortcutFor(press('l', { altKey: true }), true)).toBe('language');
    expect(shortcutFor({ ...press('¬', { altKey: true }), code: 'KeyL' }, false)).toBe('language');
    expect(shortcutFor(press('t', { altKey: true }), true)).toBe('theme');
  });

  it('acts on other tabs only with the language, theme and help keys', () => {
    // Broadcasts, Moderation, Workload and SLA show no conversation to claim or list to move in.
    expect(shortcutFor(press('l', { altKey: true }), false, false)).toBe('language');
    expect(shortcutFor(press('t', { altKey: true }), true, false)).toBe('theme');
    expect(shortcutFor(press('?'), false, false)).toBe('help');
    expect(shortcutFor(press('?'), true, false)).toBeNull();
    expect(shortcutFor(press('c'), false, false)).toBeNull();
    expect(shortcutFor(press('j'), false, false)).toBeNull();
    expect(shortcutFor(press('Enter', { ctrlKey: true }), true, false)).toBeNull();
  });
});
