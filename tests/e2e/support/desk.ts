import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { startConsoleShell, type ConsoleShell } from '../../../src/browser-shell/console';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { seedDefaults } from '../../../src/hub/users';
import type { Role, Skill } from '../../../src/shared/domain/enums';
import { STANDARD_QUEUE_IDS } from '../../../src/shared/sla/queues';
import { makeTempDir } from '../../support/files';
import { addUsers } from '../../support/hub';
import { freePort } from '../../support/net';
import { xTweetPayload } from '../../../src/hub/webhooks/payloads';
import { metaDmBody, postSignedMeta, postXWebhook, xSignature } from '../../support/webhooks';

export const RENDERER_DIR = join(import.meta.dirname, '../../../out/renderer');
export const META_SECRET = 'e2e-meta-app-secret';
export const X_SECRET = 'e2e-x-consumer-secret';
/** The force's account on X, as the hub's X deliveries name it. */
export const X_ACCOUNT = '1716450569358098432';
export const PASSWORD = 'e2e-password-123';

export { freePort };

/** A real hub on a fixed loopback port, so it can be stopped and started again in place. */
export class TestHub {
  hub: RunningHub | null = null;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(users: { name: string; role: Role; skills?: Skill[] }[]): Promise<TestHub> {
    const dataDir = makeTempDir('desk-e2e-hub-');
    seedDefaults(dataDir);
    await addUsers(
      dataDir,
      Object.fromEntries(users.map((u) => [u.name, [u.role, u.skills ?? []] as const])),
      PASSWORD,
    );
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
      xConsumerSecret: X_SECRET,
      tokenSecret: 'e2e-token-secret-0123456789abcdef',
    });
  }

  async stop(): Promise<void> {
    await this.hub?.close();
    this.hub = null;
  }

  /** Delivers a Messenger message through the real, signed webhook. */
  async sendDm(senderId: string, text: string): Promise<void> {
    const body = metaDmBody([{ senderId, mid: `m_${crypto.randomUUID()}`, text }], { time: Date.now() });
    expect(await postSignedMeta(this.url, body, META_SECRET)).toBe(200);
  }

  /** A post on X mentioning the force (or, with `inReplyTo`, answering one of its posts). */
  async sendXPost(userId: string, text: string, inReplyTo?: string): Promise<void> {
    const body = xTweetPayload(X_ACCOUNT, {
      id: String(1_800_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e12))),
      createdAt: Date.now(),
      userId,
      userName: `X user ${userId}`,
      screenName: `user${userId}`,
      text,
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
    });
    const response = await postXWebhook(this.url, body, xSignature(X_SECRET, body));
    expect(response.status).toBe(200);
  }
}

export async function startConsole(hub: TestHub): Promise<ConsoleShell> {
  return startConsoleShell({
    dataDir: makeTempDir('desk-e2e-console-'),
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

/**
 * Seconds-long first-response targets, so a conversation breaches while a test watches. The
 * hub puts an edited policy file in force when it (re)starts.
 */
export function writeShortPolicies(dataDir: string): void {
  const queues = Object.fromEntries(
    STANDARD_QUEUE_IDS.map((id) => [id, { firstResponse: '4s', nextResponse: '4s', resolution: '1h' }]),
  );
  writeFileSync(
    join(dataDir, 'sla-policies.json'),
    JSON.stringify({ version: 1, warnAtPercent: 50, fallbackQueue: 'general', queues }),
  );
}
