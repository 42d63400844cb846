import { describe, expect, it } from 'vitest';
import { aboutText } from '../../../src/main/about-text';
import { REASONS } from '../../../src/main/settings/resolve';

const base = {
  productName: 'Social Desk',
  version: '1.2.0',
  build: 'a1b2c3d 2025-11-21',
  electron: '45.4.1',
  chrome: '142.0.0.0',
  node: '22.20.0',
  platform: 'win32',
  arch: 'x64',
};

describe('aboutText', () => {
  it('shows the version, the build and where the hub address comes from', () => {
    const text = aboutText({
      ...base,
      hubUrl: {
        value: 'wss://desk-hub.force.local:4310',
        source: 'policy',
        locked: true,
        reason: REASONS.lockedByPolicy,
      },
    });
    expect(text.title).toBe('About Social Desk');
    expect(text.message).toBe('Social Desk 1.2.0');
    expect(text.detail.split('\n')).toEqual([
      'Version: 1.2.0',
      'Build: a1b2c3d 2025-11-21',
      'Hub: wss://desk-hub.force.local:4310 (Set by your IT department (machine policy))',
      'Electron 45.4.1, Chromium 142.0.0.0, Node 22.20.0',
      'Platform: win32 x64',
      '',
      'Updates are installed by your IT department.',
    ]);
  });

  it('says when no hub is set', () => {
    const text = aboutText({
      ...base,
      hubUrl: { value: null, source: 'default', locked: false, reason: REASONS.builtIn },
    });
    expect(text.detail).toContain('Hub: not set (Built-in default)');
  });
});
