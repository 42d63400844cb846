import { createInterface } from 'node:readline';
import { z } from 'zod';
import { triage, triageInputSchema } from '../shared/triage';

/** Why a line was refused, in words an operator running the command can act on. */
function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'line';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function triageLine(line: string, lineNumber: number): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { line: lineNumber, error: `invalid JSON: ${detail}` };
  }
  const input = triageInputSchema.safeParse(parsed);
  if (!input.success) {
    return { line: lineNumber, error: `invalid message: ${describeZodError(input.error)}` };
  }
  return triage(input.data);
}

function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Respect back-pressure so a large corpus piped through does not buffer unbounded.
    const flushed = output.write(text, (error) => {
      if (error) reject(error);
    });
    if (flushed) resolve();
    else
      output.once('drain', () => {
        resolve();
      });
  });
}

/**
 * `hub triage`: JSON Lines in, one JSON line out per non-blank line in.
 * A malformed line yields `{line, error}` and the rest carry on.
 */
export async function runTriageCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    await write(output, `${JSON.stringify(triageLine(line, lineNumber))}\n`);
  }
}
