import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { operatorSchema, roleSchema } from '../shared/domain';
import { createGraphApiAdapter } from './adapters/graph-api';
import { createRecordingAdapters } from './adapters/recording';
import type { PlatformAdapters } from './adapters/types';
import { createXApiAdapter } from './adapters/x-api';
import { auditCsv } from './audit-export';
import { auditRowsBetween, verifyAudit } from './db/audit';
import { hubDbPath, openHubDb } from './db/connection';
import { getOperator } from './db/operators';
import { startHub } from './server';
import { monthSchema, monthlyCsvFromHub } from './sla/monthly-report';
import {
  changesSomething,
  changeUser,
  disableUser,
  enableUser,
  listUsers,
  NOTHING_TO_CHANGE,
  resetPassword,
  signOutUser,
} from './user-accounts';
import { addUser, MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT } from './users';

class UsageError extends Error {}

const USAGE =
  'usage: hub serve|user add|user list|user set|user disable|user enable|user sign-out|user password|audit verify|audit export|report monthly|triage [options]';
const DEFAULT_DATA = './.desk-data';

/** `--data DIR`, which every command takes, and `--name N`, which every account command does. */
const dataOption = { data: { type: 'string' } } as const;
const dataArg = z.string().min(1).default(DEFAULT_DATA);
const dataSchema = z.object({ data: dataArg });
const nameAndData = { ...dataOption, name: { type: 'string' } } as const;
const nameAndDataSchema = z.object({ name: z.string().trim().min(1, 'required').max(100), data: dataArg });
/** A capacity typed on the command line, held to the domain's bounds. */
const capacityArg = z.coerce.number().pipe(operatorSchema.shape.capacity);

const describe = (error: z.ZodError, prefix: string): string =>
  error.issues
    .map(
      (issue) =>
        `${issue.path.length > 0 ? `${prefix}${issue.path.join('.')}` : 'options'}: ${issue.message}`,
    )
    .join('; ');

/** `prefix` is how the user wrote the setting: `--` for flags, nothing for environment variables. */
function parse<T extends z.ZodType>(schema: T, value: unknown, prefix = '--'): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(describe(result.error, prefix));
  return result.data;
}

function options<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], spec: O) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const nonEmpty = z.string().min(1);
const envSchema = z.object({
  DESK_META_VERIFY_TOKEN: nonEmpty.optional(),
  DESK_META_APP_SECRET: nonEmpty.optional(),
  DESK_X_CONSUMER_SECRET: nonEmpty.optional(),
  DESK_TOKEN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DESK_LEASE_GRACE_MS: z.coerce.number().int().min(1000).optional(),
  DESK_GRAPH_API_BASE: z.url().default('https://graph.facebook.com/v21.0'),
  DESK_FB_PAGE_TOKEN: nonEmpty.optional(),
  /** The force's Facebook Page id, where broadcasts are posted. */
  DESK_FB_PAGE_ID: nonEmpty.optional(),
  DESK_X_API_BASE: z.url().default('https://api.x.com'),
  DESK_X_ACCESS_TOKEN: nonEmpty.optional(),
});

/** Real platform clients only where a token is configured; everything else is recorded, not sent. */
function adaptersFrom(env: z.infer<typeof envSchema>): PlatformAdapters {
  const recording = createRecordingAdapters();
  return {
    facebook:
      env.DESK_FB_PAGE_TOKEN === undefined
        ? recording.facebook
        : createGraphApiAdapter({
            baseUrl: env.DESK_GRAPH_API_BASE,
            pageAccessToken: env.DESK_FB_PAGE_TOKEN,
            pageId: env.DESK_FB_PAGE_ID,
          }),
    x:
      env.DESK_X_ACCESS_TOKEN === undefined
        ? recording.x
        : createXApiAdapter({ baseUrl: env.DESK_X_API_BASE, accessToken: env.DESK_X_ACCESS_TOKEN }),
  };
}

function existingDataDir(dir: string): string {
  if (!existsSync(hubDbPath(dir))) throw new UsageError(`no hub database in ${dir} (use --data DIR)`);
  return dir;
}

async function serve(args: string[]): Promise<void> {
  const values = options(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    ...dataOption,
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    simulate: { type: 'string' },
  });
  const opts = parse(
    z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(4310),
        data: dataArg,
        'tls-cert': z.string().min(1).optional(),
        'tls-key': z.string().min(1).optional(),
        simulate: z.coerce.number().positive().max(6000).optional(),
      })
      .refine((o) => (o['tls-cert'] === undefined) === (o['tls-key'] === undefined), {
        message: '--tls-cert and --tls-key go together',
      }),
    values,
  );
  for (const file of [opts['tls-cert'], opts['tls-key']]) {
    if (file !== undefined && !existsSync(file)) throw new UsageError(`cannot read ${file}`);
  }
  const env = parse(envSchema, process.env, '');
  const hub = await startHub({
    dataDir: opts.data,
    host: opts.host,
    port: opts.port,
    ...(opts['tls-cert'] !== undefined && opts['tls-key'] !== undefined
      ? { tls: { certFile: opts['tls-cert'], keyFile: opts['tls-key'] } }
      : {}),
    ...(env.DESK_META_VERIFY_TOKEN === undefined ? {} : { metaVerifyToken: env.DESK_META_VERIFY_TOKEN }),
    ...(env.DESK_META_APP_SECRET === undefined ? {} : { metaAppSecret: env.DESK_META_APP_SECRET }),
    ...(env.DESK_X_CONSUMER_SECRET === undefined ? {} : { xConsumerSecret: env.DESK_X_CONSUMER_SECRET }),
    ...(env.DESK_TOKEN_SECRET === undefined ? {} : { tokenSecret: env.DESK_TOKEN_SECRET }),
    ...(env.DESK_LEASE_GRACE_MS === undefined ? {} : { leaseGraceMs: env.DESK_LEASE_GRACE_MS }),
    ...(opts.simulate === undefined ? {} : { simulatePerMinute: opts.simulate }),
    adapters: adaptersFrom(env),
    log: (line) => {
      process.stderr.write(`${line}\n`);
    },
  });
  if (env.DESK_META_APP_SECRET === undefined || env.DESK_X_CONSUMER_SECRET === undefined) {
    process.stderr.write(
      '[hub] DESK_META_APP_SECRET / DESK_X_CONSUMER_SECRET not set: real platform webhooks will be refused\n',
    );
  }
  process.stdout.write(`hub listening on ${hub.url} (data ${opts.data})\n`);
  const stop = (): void => {
    hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A new password, from DESK_PASSWORD or typed; refused if too short to be set. */
async function readNewPassword(): Promise<string> {
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(PASSWORD_TOO_SHORT);
  return password;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.DESK_PASSWORD;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  const tty = process.stdin.isTTY;
  if (tty) process.stderr.write('Password: ');
  // On a terminal nothing is echoed: readline writes to a sink.
  const sink = new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output: sink, terminal: tty });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => {
        reject(new UsageError('no password given (set DESK_PASSWORD or type one)'));
      });
    });
    if (tty) process.stderr.write('\n');
    return line;
  } finally {
    rl.close();
  }
}

async function userAdd(args: string[]): Promise<void> {
  const values = options(args, {
    ...nameAndData,
    role: { type: 'string' },
    welsh: { type: 'boolean' },
    cleared: { type: 'boolean' },
    capacity: { type: 'string' },
  });
  const opts = parse(
    nameAndDataSchema.extend({
      role: roleSchema,
      welsh: z.boolean().default(false),
      cleared: z.boolean().default(false),
      capacity: capacityArg.default(8),
    }),
    values,
  );
  const password = await readNewPassword();
  const skills = [
    ...(opts.welsh ? (['welsh'] as const) : []),
    ...(opts.cleared ? (['confidential'] as const) : []),
  ];
  const operator = await addUser(opts.data, {
    name: opts.name,
    role: opts.role,
    password,
    skills,
    capacity: opts.capacity,
  });
  process.stdout.write(`added ${operator.role} ${operator.name} (${operator.id})\n`);
}

const yesNo = z
  .enum(['yes', 'no'], { message: 'must be yes or no' })
  .transform((v) => v === 'yes')
  .optional();
const when = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ended = (n: number): string => `${String(n)} session${n === 1 ? '' : 's'} ended`;

/** `user list`: everyone, with role, skills, capacity, whether disabled and live sessions. */
function userList(args: string[]): void {
  const opts = parse(dataSchema, options(args, dataOption));
  const rows = listUsers(existingDataDir(opts.data));
  const lines = rows.map(({ operator: o, disabledAt, liveSessions }) =>
    [
      o.name,
      o.role,
      o.skills.length === 0 ? '-' : o.skills.join(','),
      `capacity ${String(o.capacity)}`,
      disabledAt === null ? 'active' : `disabled ${when(disabledAt)}`,
      `${String(liveSessions)} live session${liveSessions === 1 ? '' : 's'}`,
    ].join('\t'),
  );
  process.stdout.write(lines.length === 0 ? 'no users\n' : `${lines.join('\n')}\n`);
}

function userDisable(args: string[]): void {
  const opts = parse(nameAndDataSchema, options(args, nameAndData));
  const { operator, sessionsEnded } = disableUser(existingDataDir(opts.data), opts.name);
  process.stdout.write(`disabled ${operator.name}; ${ended(sessionsEnded)}\n`);
}

function userEnable(args: string[]): void {
  const opts = parse(nameAndDataSchema, options(args, nameAndData));
  const operator = enableUser(existingDataDir(opts.data), opts.name);
  process.stdout.write(`enabled ${operator.name}\n`);
}

function userSignOut(args: string[]): void {
  const opts = parse(nameAndDataSchema, options(args, nameAndData));
  const sessionsEnded = signOutUser(existingDataDir(opts.data), opts.name);
  process.stdout.write(`${opts.name}: ${ended(sessionsEnded)}\n`);
}

/** `user set --name N [--role R] [--welsh yes|no] [--cleared yes|no] [--capacity C]`. */
function userSet(args: string[]): void {
  const values = options(args, {
    ...nameAndData,
    role: { type: 'string' },
    welsh: { type: 'string' },
    cleared: { type: 'string' },
    capacity: { type: 'string' },
  });
  const opts = parse(
    nameAndDataSchema.extend({
      role: roleSchema.optional(),
      welsh: yesNo,
      cleared: yesNo,
      capacity: capacityArg.optional(),
    }),
    values,
  );
  const change = { role: opts.role, welsh: opts.welsh, cleared: opts.cleared, capacity: opts.capacity };
  if (!changesSomething(change)) throw new UsageError(NOTHING_TO_CHANGE);
  const { operator, sessionsEnded } = changeUser(existingDataDir(opts.data), opts.name, change);
  const skills = operator.skills.length === 0 ? 'no skills' : operator.skills.join(', ');
  process.stdout.write(
    `${operator.name}: ${operator.role}, ${skills}, capacity ${String(operator.capacity)}; ${ended(sessionsEnded)}\n`,
  );
}

async function userPassword(args: string[]): Promise<void> {
  const opts = parse(nameAndDataSchema, options(args, nameAndData));
  const dir = existingDataDir(opts.data);
  const password = await readNewPassword();
  const sessionsEnded = await resetPassword(dir, opts.name, password);
  process.stdout.write(`new password set for ${opts.name}; ${ended(sessionsEnded)}\n`);
}

function auditVerify(args: string[]): void {
  const opts = parse(dataSchema, options(args, dataOption));
  const db = openHubDb(existingDataDir(opts.data));
  try {
    const result = verifyAudit(db);
    if (result.ok) {
      process.stdout.write(`audit log intact: ${result.rows} rows\n`);
      return;
    }
    process.stderr.write(`audit log broken at row ${result.rowId}: ${result.reason}\n`);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

function auditExport(args: string[]): void {
  const values = options(args, {
    ...dataOption,
    since: { type: 'string' },
    until: { type: 'string' },
  });
  const opts = parse(
    dataSchema.extend({
      since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
      until: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    }),
    values,
  );
  const db = openHubDb(existingDataDir(opts.data));
  try {
    const since = opts.since === undefined ? 0 : Date.parse(opts.since);
    const until = opts.until === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(opts.until);
    const rows = auditRowsBetween(db, since, until);
    process.stdout.write(auditCsv(rows, (id) => getOperator(db, id)?.name ?? null));
  } finally {
    db.close();
  }
}

/** `report monthly --month YYYY-MM [--data DIR]`: the month's figures as CSV on stdout. */
function reportMonthly(args: string[]): void {
  const values = options(args, { ...dataOption, month: { type: 'string' } });
  const opts = parse(dataSchema.extend({ month: monthSchema }), values);
  const db = openHubDb(existingDataDir(opts.data));
  try {
    process.stdout.write(monthlyCsvFromHub(db, opts.month));
  } finally {
    db.close();
  }
}

async function triageCommand(args: string[]): Promise<void> {
  options(args, {});
  const { runTriageCommand } = await import('./triage-command');
  await runTriageCommand(process.stdin, process.stdout);
}

export async function main(argv: string[]): Promise<void> {
  const [first, second, ...rest] = argv;
  switch (first) {
    case 'serve':
      return serve(argv.slice(1));
    case 'user':
      switch (second) {
        case 'add':
          return userAdd(rest);
        case 'list':
          userList(rest);
          return;
        case 'disable':
          userDisable(rest);
          return;
        case 'enable':
          userEnable(rest);
          return;
        case 'sign-out':
          userSignOut(rest);
          return;
        case 'set':
          userSet(rest);
          return;
        case 'password':
          return userPassword(rest);
      }
      throw new UsageError(`unknown user command ${second ?? '(none)'}; ${USAGE}`);
    case 'audit':
      if (second === 'verify') {
        auditVerify(rest);
        return;
      }
      if (second === 'export') {
        auditExport(rest);
        return;
      }
      throw new UsageError(`unknown audit command ${second ?? '(none)'}; ${USAGE}`);
    case 'report':
      if (second === 'monthly') {
        reportMonthly(rest);
        return;
      }
      throw new UsageError(`unknown report command ${second ?? '(none)'}; ${USAGE}`);
    case 'triage':
      return triageCommand(argv.slice(1));
    default:
      throw new UsageError(first === undefined ? USAGE : `unknown command ${first}; ${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`hub: ${message.split('\n')[0] ?? 'failed'}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
