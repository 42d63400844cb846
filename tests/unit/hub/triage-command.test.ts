import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { triageResultSchema } from '../../../src/shared/triage';
import { corpusPath, holdoutPath, loadCorpus, sameSet, type CorpusLine } from '../shared/triage/corpus';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const fixtureScript = fileURLToPath(new URL('./fixtures/run-triage.ts', import.meta.url));

const lineErrorSchema = z.object({ line: z.number().int().positive(), error: z.string().min(1) }).strict();
const outputLineSchema = z.union([triageResultSchema.strict(), lineErrorSchema]);
type OutputLine = z.infer<typeof outputLineSchema>;

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  readonly lines: OutputLine[];
}

/** Runs a triage command as a real child process, feeding stdin and parsing every stdout line with zod. */
function runProcess(command: string, args: readonly string[], stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const lines = stdout
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => outputLineSchema.parse(JSON.parse(line)));
        resolve({ code, stderr, lines });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.end(stdin);
  });
}

function toJsonLines(corpus: readonly CorpusLine[]): string {
  return corpus.map(({ text, platform, kind }) => JSON.stringify({ text, platform, kind })).join('\n') + '\n';
}

function results(run: Run): z.infer<typeof triageResultSchema>[] {
  return run.lines.map((line, index) => {
    if ('error' in line) throw new Error(`line ${index + 1} was refused: ${line.error}`);
    return line;
  });
}

function describeMiss(line: CorpusLine, got: unknown): string {
  return `${JSON.stringify(line.text)} → ${JSON.stringify(got)}`;
}

/** Checks a run against labels. Any missed emergency, or false alarm on a near-miss, fails. */
function checkAgainstLabels(
  corpus: readonly CorpusLine[],
  run: Run,
  thresholds: { language: number; category: number },
): void {
  expect(run.code, run.stderr).toBe(0);
  const got = results(run);
  expect(got).toHaveLength(corpus.length);

  const missedEmergencies = corpus.flatMap((line, i) =>
    line.expected.emergency && got[i]?.emergency !== true ? [describeMiss(line, got[i]?.reasons)] : [],
  );
  expect(missedEmergencies, 'missed emergencies').toEqual([]);
  const falseAlarms = corpus.flatMap((line, i) =>
    line.nearMiss === true && got[i]?.emergency !== false ? [describeMiss(line, got[i]?.reasons)] : [],
  );
  expect(falseAlarms, 'near-miss lines flagged as emergencies').toEqual([]);

  const languageRight = corpus.filter((line, i) => got[i]?.language === line.expected.language).length;
  const categoryRight = corpus.filter((line, i) => got[i]?.category === line.expected.category).length;
  expect(languageRight / corpus.length, 'language accuracy').toBeGreaterThanOrEqual(thresholds.language);
  expect(categoryRight / corpus.length, 'category accuracy').toBeGreaterThanOrEqual(thresholds.category);

  // Emergency results are always urgent; confidential follows the category.
  got.forEach((result) => {
    if (result.emergency) expect(result.priority).toBe('urgent');
    if (result.category === 'intelligence' || result.category === 'sexual-offence')
      expect(result.confidential).toBe(true);
    expect(result.reasons.length).toBeGreaterThan(0);
  });
}

function detailAccuracy(corpus: readonly CorpusLine[], run: Run): { personal: number; breaches: number } {
  const got = results(run);
  const withDetails = corpus.filter((line) => line.expected.personalDetails !== undefined);
  const withBreaches = corpus.filter((line) => line.expected.breaches !== undefined);
  const personal = withDetails.filter((line) =>
    sameSet(got[corpus.indexOf(line)]?.personalDetails ?? [], line.expected.personalDetails ?? []),
  ).length;
  const breaches = withBreaches.filter((line) =>
    sameSet(got[corpus.indexOf(line)]?.breaches ?? [], line.expected.breaches ?? []),
  ).length;
  return { personal: personal / withDetails.length, breaches: breaches / withBreaches.length };
}

describe('triage command over the labelled corpus (child process)', () => {
  const corpus = loadCorpus(corpusPath);
  const holdout = loadCorpus(holdoutPath);

  it('`hub triage` (src/hub/cli.ts) misses no emergency and meets the accuracy bars', async () => {
    const run = await runProcess(tsx, ['src/hub/cli.ts', 'triage'], toJsonLines(corpus));
    checkAgainstLabels(corpus, run, { language: 0.97, category: 0.9 });
    const accuracy = detailAccuracy(corpus, run);
    expect(accuracy.personal, 'personal-detail accuracy').toBeGreaterThanOrEqual(0.95);
    expect(accuracy.breaches, 'breach accuracy').toBeGreaterThanOrEqual(0.95);
  });

  it('the held-out lines (written after the rules) miss no emergency either', async () => {
    const run = await runProcess(tsx, [fixtureScript], toJsonLines(holdout));
    // Category is not tuned on these lines, so only the emergency requirement is strict.
    checkAgainstLabels(holdout, run, { language: 0.95, category: 0.75 });
  });

  it('`npm run hub -- triage` gives the same answers as runTriageCommand called directly', async () => {
    const sample = corpus.filter((_, i) => i % 25 === 0);
    const [viaNpm, viaScript] = await Promise.all([
      runProcess('npm', ['run', '--silent', 'hub', '--', 'triage'], toJsonLines(sample)),
      runProcess(tsx, [fixtureScript], toJsonLines(sample)),
    ]);
    expect(viaNpm.code, viaNpm.stderr).toBe(0);
    expect(viaNpm.lines).toHaveLength(sample.length);
    expect(viaNpm.lines).toEqual(viaScript.lines);
  });
});

function expectLineError(output: OutputLine | undefined, line: number, mentions: string): void {
  const parsed = lineErrorSchema.parse(output);
  expect(parsed.line).toBe(line);
  expect(parsed.error).toContain(mentions);
}

describe('triage command input handling (child process)', () => {
  it('reports each malformed line with its number, skips blank lines, and carries on', async () => {
    const input = [
      JSON.stringify({ text: 'my car has been stolen', platform: 'x', kind: 'dm' }),
      '{"text": "unterminated',
      '',
      '   ',
      JSON.stringify({ text: 'hello', platform: 'myspace', kind: 'dm' }),
      JSON.stringify({ platform: 'facebook', kind: 'comment' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ text: 'x'.repeat(20001), platform: 'x', kind: 'dm' }),
      JSON.stringify({ text: "Mae o'n mynd i'n lladd i", platform: 'facebook', kind: 'dm' }),
    ].join('\n');
    const run = await runProcess(tsx, [fixtureScript], `${input}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toHaveLength(7);

    expect(run.lines[0]).toMatchObject({ category: 'stolen-vehicle', language: 'en' });
    expectLineError(run.lines[1], 2, 'invalid JSON');
    expectLineError(run.lines[2], 5, 'platform');
    expectLineError(run.lines[3], 6, 'text');
    expectLineError(run.lines[4], 7, 'invalid message');
    expectLineError(run.lines[5], 8, 'text');
    expect(run.lines[6]).toMatchObject({ emergency: true, language: 'cy', priority: 'urgent' });
  });

  it('handles Windows line endings and a last line without a newline', async () => {
    const input = `${JSON.stringify({ text: 'diolch', platform: 'x', kind: 'dm' })}\r\n${JSON.stringify({ text: 'thanks', platform: 'x', kind: 'dm' })}`;
    const run = await runProcess(tsx, [fixtureScript], input);
    expect(run.lines.map((line) => ('language' in line ? line.language : null))).toEqual(['cy', 'en']);
  });

  it('writes nothing for empty input and exits cleanly', async () => {
    const run = await runProcess(tsx, [fixtureScript], '');
    expect(run).toMatchObject({ code: 0, lines: [] });
  });
});
