import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { z } from 'zod';
import { chromiumLaunch } from '../../../playwright.config';
import { startConsoleShell } from '../../browser-shell/console';
import { BENCH_OPERATOR } from './cache';
import { nowMs, tempDir } from './desk';
import { figure, percentile, type Figure } from './figures';
import { ROOT } from './json-child';
import { seedCache } from './seed-cache';

const RENDERER_DIR = join(ROOT, 'out/renderer');
/** One vsync at 60 Hz; a frame interval past 1.25 of it means a frame was dropped. */
const VSYNC_MS = 1000 / 60;

const scrollResultSchema = z.object({
  deltas: z.array(z.number()),
  scrolled: z.number(),
  rowsSeen: z.number(),
});

/**
 * Runs in the page (kept as text: this module is compiled without the DOM types). Scrolls
 * the list one step per animation frame and records the interval between frames.
 */
const SCROLL_SCRIPT = `(async () => {
  const frames = 900;
  const step = 160;
  const el = document.querySelector('[data-testid="conversation-list"]');
  if (!el) throw new Error('no conversation list');
  const deltas = [];
  const seen = new Set();
  return new Promise((resolve) => {
    let last = -1;
    const frame = (t) => {
      if (last >= 0) deltas.push(t - last);
      last = t;
      for (const row of el.querySelectorAll('[data-testid="conversation-row"]')) seen.add(row.textContent);
      el.scrollTop += step;
      if (deltas.length >= frames || el.scrollTop + el.clientHeight >= el.scrollHeight - 1)
        resolve({ deltas, scrolled: el.scrollTop, rowsSeen: seen.size });
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
})()`;

/**
 * The console in Chromium against the browser shell with a seeded 10,000-conversation cache:
 * time from starting the console to a usable queue (rows on screen), then frame intervals
 * while the list is scrolled through, one step per animation frame.
 */
export async function benchRenderer(rows: number, log: (line: string) => void): Promise<Figure[]> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    log('[bench] building the renderer (electron-vite build)');
    execFileSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const dir = tempDir('desk-bench-renderer-');
  seedCache(dir, {
    conversations: rows,
    messagesPerConversation: 1,
    operator: BENCH_OPERATOR,
    hubUrl: 'http://127.0.0.1:9',
  });
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = nowMs();
    const shell = await startConsoleShell({ dataDir: dir, rendererDir: RENDERER_DIR });
    try {
      await shell.engine.disconnect();
      await page.goto(shell.shell.url);
      await page
        .locator('[data-testid="conversation-row"]')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      const launch = nowMs() - t0;
      log(`[bench] renderer: usable queue after ${launch.toFixed(0)} ms`);
      await page.waitForTimeout(500);
      const result = scrollResultSchema.parse(await page.evaluate(SCROLL_SCRIPT));
      const worst = Math.max(...result.deltas);
      const dropped = result.deltas.filter((d) => d > VSYNC_MS * 1.25).length;
      log(
        `[bench] renderer: ${String(result.deltas.length)} frames, ${String(result.rowsSeen)} rows rendered, ${String(dropped)} dropped`,
      );
      return [
        figure({
          id: 'renderer.launch-to-usable',
          label: `renderer: launch to usable queue (${String(rows / 1000)}k-row cache)`,
          value: launch,
          unit: 'ms',
          baseline: null,
          target: '< 1500 ms',
          pass: launch < 1500,
        }),
        figure({
          id: 'renderer.frame-p99',
          label: `renderer: frame interval p99 while scrolling ${String(rows / 1000)}k rows`,
          value: percentile(result.deltas, 99),
          unit: 'ms',
          baseline: { label: 'one 60 Hz vsync', value: VSYNC_MS },
          target: 'reported',
          pass: null,
        }),
        figure({
          id: 'renderer.frame-max',
          label: `renderer: longest frame interval while scrolling (${String(dropped)} of ${String(result.deltas.length)} frames dropped)`,
          value: worst,
          unit: 'ms',
          baseline: { label: 'one 60 Hz vsync', value: VSYNC_MS },
          target: 'no frame over 16 ms (no interval > 1.25 vsync)',
          pass: dropped === 0,
        }),
      ];
    } finally {
      await shell.close();
    }
  } finally {
    await browser.close();
  }
}
