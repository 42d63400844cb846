import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { startConsoleShell, type ConsoleShell } from '../../../src/browser-shell/console';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { addUser, seedDefaults } from '../../../src/hub/users';
import { metaSignature } from '../../../src/hub/webhooks/signatures';
import type { Role, Skill } from '../../../src/shared/domain/enums';

export const RENDERER_DIR = join(import.meta.dirname, '../../../out/renderer');
export const META_SECRET = 'e2e-meta-app-secret';
export const PASSWORD = 'e2e-password-123';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** A real hub on a fixed loopback port, so it can be stopped and started again in place. */
export class TestHub {
  hub: RunningHub | null = null;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(users: { name: string; role: Role; skills?: Skill[] }[]): Promise<TestHub> {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-hub-'));
    seedDefaults(dataDir);
    for (const user of users)
      await addUser(dataDir, { ...user, password: PASSWORD, skills: user.skills ?? [] });
    const hub = new TestHub(dataDir, await freePort());
    await hub.start();
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.hub = await startHub({
      dataDir: this.dataDir,
      port: this.port,
      metaAppSecret: META_SECRET,
      tokenSecret: 'e2e-token-secret-0123456789abcdef',
    });
  }

  async stop(): Promise<void> {
    await this.hub?.close();
    this.hub = null;
  }

  /** Delivers a Messenger message through the real, signed webhook. */
  async sendDm(senderId: string, text: string): Promise<void> {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'PAGE1',
          time: Date.now(),
          messaging: [
            {
              sender: { id: senderId },
              recipient: { id: 'PAGE1' },
              timestamp: Date.now(),
              message: { mid: `m_${crypto.randomUUID()}`, text },
            },
          ],
        },
      ],
    });
    const res = await fetch(`${this.url}/webhooks/meta`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': metaSignature(META_SECRET, body),
      },
      body,
    });
    expect(res.status).toBe(200);
  }
}

export async function startConsole(hub: TestHub): Promise<ConsoleShell> {
  return startConsoleShell({
    dataDir: mkdtempSync(join(tmpdir(), 'desk-e2e-console-')),
    rendererDir: RENDERER_DIR,
    hubUrlPolicy: { url: hub.url, locked: false, reason: null },
    version: '0.0.0-e2e',
  });
}

export async function signIn(page: Page, console: ConsoleShell, name: string): Promise<void> {
  await page.goto(console.shell.url);
  await page.getByLabel(/^(Name|Enw)$/).fill(name);
  await page.getByLabel(/^(Password|Cyfrinair)$/).fill(PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|Mewngofnodi)$/ }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(name);
}

/** WCAG 2.2 AA: no serious or critical violations on what is on screen now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) => `${screen}: ${v.id} (${v.impact ?? ''}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}
