import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { describeIssues } from './schema';

export type FileResult<T> =
  | { readonly state: 'absent' }
  | { readonly state: 'loaded'; readonly data: T; readonly warnings: readonly string[] }
  | { readonly state: 'ignored'; readonly warning: string };

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/**
 * Reads one JSON settings file through its schema. A missing file is normal; a damaged one is
 * reported and ignored as a whole (never rewritten here, so nothing in it is lost).
 */
export async function readSettingsFile<T extends Record<string, unknown>>(
  file: string,
  label: string,
  schema: z.ZodType<T>,
): Promise<FileResult<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return { state: 'absent' };
    return {
      state: 'ignored',
      warning: `${label} ${file} could not be read (${String(error)}) and was ignored.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { state: 'ignored', warning: `${label} ${file} is not valid JSON (${reason}) and was ignored.` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return {
      state: 'ignored',
      warning: `${label} ${file} is not valid (${describeIssues(parsed.error)}) and was ignored.`,
    };
  }
  const known = new Set(Object.keys(parsed.data));
  const unknown =
    typeof json === 'object' && json !== null ? Object.keys(json).filter((key) => !known.has(key)) : [];
  const warnings =
    unknown.length > 0 ? [`${label} ${file}: unknown setting(s) ${unknown.join(', ')} ignored.`] : [];
  return { state: 'loaded', data: parsed.data, warnings };
}

/** Writes through a temporary file and a rename, so a crash mid-write never leaves half a file. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
}

/** Keeps a damaged file beside the new one instead of overwriting what a person may want back. */
export async function setAside(file: string, now: number): Promise<string> {
  const kept = `${file}.damaged-${String(now)}`;
  await rename(file, kept);
  return kept;
}
