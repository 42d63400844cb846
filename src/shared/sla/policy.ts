import { z } from 'zod';
import { idSchema } from '../domain/entities';
import type { Priority } from '../domain/enums';
import { formatDuration, parseDuration } from './duration';
import { STANDARD_QUEUE_IDS } from './queues';

const MIN_TARGET_MS = 1_000;
const MAX_TARGET_MS = 90 * 86_400_000;
const DEFAULT_WARN_AT_PERCENT = 75;

const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a duration; write it like "2m", "15m", "4h", "1h30m" or "3d"`,
    });
    return z.NEVER;
  }
  if (ms < MIN_TARGET_MS || ms > MAX_TARGET_MS) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is out of range: a target must be 1s to 90d` });
    return z.NEVER;
  }
  return ms;
});

const warnAtPercentSchema = z
  .number({ error: 'warnAtPercent must be a whole number from 1 to 99' })
  .int('warnAtPercent must be a whole number from 1 to 99')
  .min(1, 'warnAtPercent must be a whole number from 1 to 99')
  .max(99, 'warnAtPercent must be a whole number from 1 to 99');

const targetsFileShape = {
  firstResponse: durationSchema,
  nextResponse: durationSchema,
  resolution: durationSchema,
};

/*
 * Objects are strict on purpose: a policy cannot carry a `language`, `cy` or `welsh`
 * block, so there is nowhere to give Welsh conversations different targets.
 */
const queuePolicyFileSchema = z.strictObject({
  note: z.string().max(500).optional(),
  ...targetsFileShape,
  /** Tighter targets for urgent priority; any target left out keeps the queue's own. */
  urgent: z.strictObject(targetsFileShape).partial().optional(),
  warnAtPercent: warnAtPercentSchema.optional(),
});

const policiesFileSchema = z.strictObject({
  version: z.literal(1, 'version must be 1'),
  warnAtPercent: warnAtPercentSchema.default(DEFAULT_WARN_AT_PERCENT),
  /** Used for any queue without its own policy, such as one a lead has just created. */
  fallbackQueue: idSchema,
  queues: z.record(idSchema, queuePolicyFileSchema),
});

/** The three targets of one queue, in milliseconds of active (unpaused) time. */
export interface SlaTargets {
  firstResponseMs: number;
  nextResponseMs: number;
  resolutionMs: number;
}

/** Targets that apply to one conversation right now, with the warning point. */
export interface AppliedTargets extends SlaTargets {
  /** Share of a target after which a running clock is at risk, in percent. */
  warnAtPercent: number;
}

export interface QueueSlaPolicy {
  note?: string | undefined;
  targets: SlaTargets;
  /** Complete urgent targets: the file's overrides merged over the queue's own. */
  urgent: SlaTargets;
  warnAtPercent: number;
}

/** Parsed, validated SLA policies. Build one with {@link parseSlaPolicies}. */
export interface SlaPolicies {
  version: 1;
  fallbackQueue: string;
  queues: Readonly<Record<string, QueueSlaPolicy>>;
}

/** The policy file's JSON form, as written by {@link serializeSlaPolicies}. */
export type SlaPoliciesFile = z.input<typeof policiesFileSchema>;

type TargetKey = keyof typeof targetsFileShape;
const TARGET_KEYS: readonly TargetKey[] = ['firstResponse', 'nextResponse', 'resolution'];

function toTargets(t: Record<TargetKey, number>): SlaTargets {
  return { firstResponseMs: t.firstResponse, nextResponseMs: t.nextResponse, resolutionMs: t.resolution };
}

const checkedPoliciesSchema = policiesFileSchema.superRefine((file, ctx) => {
  for (const queueId of STANDARD_QUEUE_IDS) {
    if (!(queueId in file.queues)) {
      ctx.addIssue({
        code: 'custom',
        path: ['queues', queueId],
        message: `missing policy for standard queue "${queueId}"`,
      });
    }
  }
  if (!(file.fallbackQueue in file.queues)) {
    ctx.addIssue({
      code: 'custom',
      path: ['fallbackQueue'],
      message: `fallbackQueue "${file.fallbackQueue}" has no policy in queues`,
    });
  }
  for (const [queueId, queue] of Object.entries(file.queues)) {
    if (queue.resolution < queue.firstResponse) {
      ctx.addIssue({
        code: 'custom',
        path: ['queues', queueId, 'resolution'],
        message: 'resolution target must not be shorter than the first-response target',
      });
    }
    for (const key of TARGET_KEYS) {
      const override = queue.urgent?.[key];
      if (override !== undefined && override > queue[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['queues', queueId, 'urgent', key],
          message: `urgent ${key} (${formatDuration(override)}) must not be looser than the queue's own (${formatDuration(queue[key])})`,
        });
      }
    }
  }
});

/** Result of {@link parseSlaPolicies}: the policies, or every problem found, one per line. */
export type ParseSlaPoliciesResult =
  { ok: true; policies: SlaPolicies } | { ok: false; error: string; issues: string[] };

/**
 * Validates SLA policies in the policy file's JSON form (see
 * `resources/config/sla-policies.json`) and turns durations into milliseconds. It reads no
 * file: the caller loads the JSON and passes the parsed value. Bad input is reported, never
 * thrown: every issue names its place, e.g. `queues.crime.firstResponse: "15x" is not a duration…`.
 */
export function parseSlaPolicies(json: unknown): ParseSlaPoliciesResult {
  const parsed = checkedPoliciesSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const where = issue.path.map(String).join('.');
      return `${where === '' ? '(top level)' : where}: ${issue.message}`;
    });
    return { ok: false, error: `Invalid SLA policies:\n${issues.join('\n')}`, issues };
  }
  const file = parsed.data;
  const queues: Record<string, QueueSlaPolicy> = {};
  for (const [queueId, queue] of Object.entries(file.queues)) {
    const targets = toTargets(queue);
    queues[queueId] = {
      note: queue.note,
      targets,
      urgent: toTargets({
        firstResponse: queue.urgent?.firstResponse ?? queue.firstResponse,
        nextResponse: queue.urgent?.nextResponse ?? queue.nextResponse,
        resolution: queue.urgent?.resolution ?? queue.resolution,
      }),
      warnAtPercent: queue.warnAtPercent ?? file.warnAtPercent,
    };
  }
  return { ok: true, policies: { version: 1, fallbackQueue: file.fallbackQueue, queues } };
}

/** Writes policies back in the file's JSON form, e.g. after a lead edits them in the console. */
export function serializeSlaPolicies(policies: SlaPolicies): SlaPoliciesFile {
  const queues: Record<string, z.input<typeof queuePolicyFileSchema>> = {};
  for (const [queueId, queue] of Object.entries(policies.queues)) {
    const urgent: Partial<Record<TargetKey, string>> = {};
    if (queue.urgent.firstResponseMs !== queue.targets.firstResponseMs)
      urgent.firstResponse = formatDuration(queue.urgent.firstResponseMs);
    if (queue.urgent.nextResponseMs !== queue.targets.nextResponseMs)
      urgent.nextResponse = formatDuration(queue.urgent.nextResponseMs);
    if (queue.urgent.resolutionMs !== queue.targets.resolutionMs)
      urgent.resolution = formatDuration(queue.urgent.resolutionMs);
    queues[queueId] = {
      ...(queue.note === undefined ? {} : { note: queue.note }),
      firstResponse: formatDuration(queue.targets.firstResponseMs),
      nextResponse: formatDuration(queue.targets.nextResponseMs),
      resolution: formatDuration(queue.targets.resolutionMs),
      ...(Object.keys(urgent).length === 0 ? {} : { urgent }),
      warnAtPercent: queue.warnAtPercent,
    };
  }
  return { version: 1, fallbackQueue: policies.fallbackQueue, queues };
}

/**
 * The targets for a conversation in `queueId` at `priority`. Language is deliberately not a
 * parameter: Welsh and English conversations get the same targets by construction.
 * A queue without its own policy uses the fallback queue's.
 */
export function targetsFor(policies: SlaPolicies, queueId: string, priority: Priority): AppliedTargets {
  const policy = policies.queues[queueId] ?? policies.queues[policies.fallbackQueue];
  if (policy === undefined) {
    // parseSlaPolicies guarantees the fallback exists; only a hand-built object gets here.
    throw new Error(`SLA policies have no policy for "${queueId}" and no fallback queue`);
  }
  const targets = priority === 'urgent' ? policy.urgent : policy.targets;
  return { ...targets, warnAtPercent: policy.warnAtPercent };
}
