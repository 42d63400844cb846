import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectConsole,
  createUser,
  loginAs,
  metaDmPayload,
  postMeta,
  postX,
  startTestHub,
  tempDir,
  xDmPayload,
  type TestHub,
} from '../helpers';
import { conversationSchema } from '../../../../src/shared/domain';

const TSX = 'node_modules/.bin/tsx';
const CLI = 'src/hub/cli.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface CsvLine {
  readonly [column: string]: string;
}

function parseCsv(text: string): CsvLine[] {
  const [header, ...lines] = text.trimEnd().split('\r\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i] ?? '', cell])));
}

const num = (line: CsvLine | undefined, column: string): number => Number(line?.[column] ?? NaN);

describe('monthly CSV export', () => {
  it('counts a generated month exactly as ingested through the webhooks, by CLI and over HTTP', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    await createUser(dir, 'lena', 'lead');
    await createUser(dir, 'olly', 'operator');
    const clock = { now: Date.parse('2025-09-03T09:00:00Z') };
    const running: TestHub = await startTestHub({ now: () => clock.now }, dir);
    cleanups.push(() => running.hub.close());
    const { hub } = running;

    const sent = { facebook: 0, x: 0 };
    const fb = async (senderId: string, text: string): Promise<void> => {
      const r = await postMeta(hub, metaDmPayload({ senderId, mid: `m_${randomUUID()}`, text }));
      expect(r.status).toBe(200);
      sent.facebook += 1;
    };
    const x = async (senderId: string, text: string): Promise<void> => {
      const r = await postX(hub, xDmPayload({ senderId, id: randomUUID(), text }));
      expect(r.status).toBe(200);
      sent.x += 1;
    };

    // 00:30 on 1 September in the UK (BST) is still 31 August in UTC: it belongs to September.
    clock.now = Date.parse('2025-08-31T23:30:00Z');
    await fb('early', 'What time does the front desk open on Sunday?');
    clock.now = Date.parse('2025-09-03T09:00:00Z');
    await fb('amy', 'What time does the front desk open on Saturday?');
    await fb('ben', 'Any update on my report please? Reference 123.');
    await fb('amy', 'Also, is there parking there?');
    await x('cai', "Ydy'r orsaf heddlu yn Y Fenni ar agor ar ddydd Sadwrn?");
    await x('dai', "Mae rhywun wedi torri i mewn i'r sied a dwyn fy meic a'r offer i gyd");
    const septemberInbound = sent.facebook + sent.x;

    // A lead answers two conversations in September: one within its target, one late.
    const lead = await connectConsole(hub, await loginAs(hub, 'lena'));
    cleanups.push(() => {
      lead.close();
    });
    const snapshot = (await lead.emitAck('sync:snapshot', { cursor: null, limit: 500 })) as {
      records: { entity: string; data: unknown }[];
    };
    const convs = snapshot.records
      .filter((r) => r.entity === 'conversation')
      .map((r) => conversationSchema.parse(r.data));
    const byContactText = (platform: string, at: number) =>
      convs.find((c) => c.platform === platform && c.firstInboundAt === at);
    const amy = byContactText('facebook', Date.parse('2025-09-03T09:00:00Z'));
    const cai = convs.find((c) => c.platform === 'x' && c.language === 'cy');
    if (amy === undefined || cai === undefined) throw new Error('conversations not found');
    clock.now = Date.parse('2025-09-03T09:10:00Z');
    expect(
      await lead.submit({ type: 'reply', conversationId: amy.id, body: '9am to 5pm, and yes.' }),
    ).toMatchObject({
      outcome: 'accepted',
    });
    clock.now = Date.parse('2025-09-03T11:00:00Z');
    expect(await lead.submit({ type: 'reply', conversationId: cai.id, body: 'Ydy, 9 tan 5.' })).toMatchObject(
      {
        outcome: 'accepted',
      },
    );
    const septemberReplies = 2;
    // 00:30 on 1 October in the UK: not September, though UTC still says 30 September.
    clock.now = Date.parse('2025-09-30T23:30:00Z');
    await fb('late', 'What time does the front desk open in October?');
    // By then the three never answered are long past target: the hub's scheduler marks them breached.

    const token = await loginAs(hub, 'lena');
    let httpCsv = '';
    for (let tries = 0; tries < 200; tries += 1) {
      const overHttp = await fetch(`${hub.url}/api/reports/monthly?month=2025-09`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(overHttp.status).toBe(200);
      httpCsv = await overHttp.text();
      if (
        num(
          parseCsv(httpCsv).find((l) => l['dimension'] === 'total'),
          'first_response_breached',
        ) === 4
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const operatorToken = await loginAs(hub, 'olly');
    expect(
      (
        await fetch(`${hub.url}/api/reports/monthly?month=2025-09`, {
          headers: { authorization: `Bearer ${operatorToken}` },
        })
      ).status,
    ).toBe(403);
    expect((await fetch(`${hub.url}/api/reports/monthly?month=2025-09`)).status).toBe(401);
    expect(
      (
        await fetch(`${hub.url}/api/reports/monthly?month=2025-13`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(400);
    lead.close();
    await hub.close();

    const cli = spawnSync(TSX, [CLI, 'report', 'monthly', '--month', '2025-09', '--data', dir], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(httpCsv);

    const lines = parseCsv(cli.stdout);
    const total = lines.find((l) => l['dimension'] === 'total');
    expect(total).toMatchObject({ month: '2025-09', value: 'all' });
    expect(num(total, 'messages_received')).toBe(septemberInbound);
    expect(num(total, 'messages_sent')).toBe(septemberReplies);
    // early, amy (two messages, one conversation), ben, cai, dai.
    expect(num(total, 'conversations')).toBe(5);
    // amy answered in 10 minutes; cai two hours late; early, ben and dai never answered.
    expect(num(total, 'first_response_met')).toBe(1);
    expect(num(total, 'first_response_breached')).toBe(4);
    expect(total?.['first_response_within_target_pct']).toBe('20');
    expect(num(total, 'first_response_median_seconds')).toBe(((10 + 120) / 2) * 60);

    for (const dimension of ['queue', 'category', 'platform', 'language']) {
      const part = lines.filter((l) => l['dimension'] === dimension);
      for (const column of ['messages_received', 'messages_sent', 'conversations', 'first_response_met']) {
        expect(
          part.reduce((sum, l) => sum + num(l, column), 0),
          `${dimension} ${column}`,
        ).toBe(num(total, column));
      }
    }
    const platform = (v: string) => lines.find((l) => l['dimension'] === 'platform' && l['value'] === v);
    expect(num(platform('facebook'), 'messages_received')).toBe(4);
    expect(num(platform('x'), 'messages_received')).toBe(2);
    const language = (v: string) => lines.find((l) => l['dimension'] === 'language' && l['value'] === v);
    expect(num(language('cy'), 'messages_received')).toBe(2);
    expect(num(language('cy'), 'first_response_breached')).toBe(2);
    expect(num(language('en'), 'first_response_met')).toBe(1);

    const bad = spawnSync(TSX, [CLI, 'report', 'monthly', '--month', 'September', '--data', dir], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/month must look like 2025-09/);
  });
});
