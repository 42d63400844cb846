import { describe, expect, it } from 'vitest';
import { ownUrlCheck } from '../../../src/main/own-url';

describe('ownUrlCheck', () => {
  describe('the packaged console (app://desk)', () => {
    const isOwn = ownUrlCheck('app://desk/index.html');

    it('accepts any page of its own', () => {
      expect(isOwn('app://desk/index.html')).toBe(true);
      expect(isOwn('app://desk/')).toBe(true);
      expect(isOwn('app://desk/assets/x.js?v=1#top')).toBe(true);
    });

    // Each of these had the opaque origin "null", as app:// has, so an origin comparison
    // let them pass: a dropped file or a data: page would have been trusted with the engine.
    it.each([
      'file:///etc/passwd',
      'file:///C:/Users/op/Downloads/leaflet.html',
      'data:text/html,<script>desk.actions.submit()</script>',
      'javascript:alert(1)',
      'about:blank',
      'foo://bar/index.html',
      'app://evil/index.html',
      'app://desk.evil.example/index.html',
      'app://desk@evil/index.html',
      'app://user:pw@desk/index.html',
      'https://desk/index.html',
      'not a url',
      '',
    ])('refuses %s', (url) => {
      expect(isOwn(url)).toBe(false);
    });
  });

  describe('the development server', () => {
    const isOwn = ownUrlCheck('http://localhost:5173/');

    it('accepts its own pages and refuses other ports, schemes and hosts', () => {
      expect(isOwn('http://localhost:5173/index.html')).toBe(true);
      expect(isOwn('http://localhost:5174/')).toBe(false);
      expect(isOwn('https://localhost:5173/')).toBe(false);
      expect(isOwn('http://127.0.0.1:5173/')).toBe(false);
      expect(isOwn('file:///index.html')).toBe(false);
    });
  });
});
