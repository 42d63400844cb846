import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/**
 * The CA list for hub connections only: the system roots plus the force's own CA when one
 * is configured. Passing `ca` replaces Node's defaults, hence the explicit roots.
 */
export function hubCaList(extraCaFile: string | null | undefined): string[] | undefined {
  if (extraCaFile === null || extraCaFile === undefined || extraCaFile === '') return undefined;
  let pem: string;
  try {
    pem = readFileSync(extraCaFile, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the extra CA file ${extraCaFile}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error(`The extra CA file ${extraCaFile} does not contain a PEM certificate`);
  }
  return [...rootCertificates, pem];
}
