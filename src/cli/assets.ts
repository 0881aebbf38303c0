// Files shipped with the package: the example config and the sample tickets.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'config'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the desk package directory');
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
export const exampleConfigDir = join(packageRoot, 'config');
export const sampleTicketsPath = join(packageRoot, 'fixtures', 'tickets.json');

export function readSampleTickets(): unknown[] {
  return JSON.parse(readFileSync(sampleTicketsPath, 'utf8')) as unknown[];
}
