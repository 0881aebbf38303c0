// sla.yaml texts for the SLA tests, written to a temporary directory and loaded with the schema.
// Line and column numbers are counted by hand in the texts below.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ConfigError, loadYamlFile } from '../../src/config/yaml-file.js';
import { SLA_KEYS, SlaFileSchema } from '../../src/sla/schema.js';

const REPO = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'desk-unit-sla-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

export const BASE = [
  /* 1 */ 'timezone: Asia/Shanghai',
  /* 2 */ 'calendars:',
  /* 3 */ '  office:',
  /* 4 */ '    hours:',
  /* 5 */ '      mon: ["09:00-12:00", "13:30-18:00"]',
  /* 6 */ '      fri: ["09:00-12:00", "13:30-16:00"]',
  /* 7 */ '    holidays: [2026-10-01, 2026-10-02]',
  /* 8 */ '    workdays: [2026-09-27, 2026-10-10: fri]',
  /* 9 */ '  always: 24x7',
  /* 10 */ 'targets:',
  /* 11 */ '  normal: { response: 10m, dispatch: 2h, resolve: 24h, calendar: office }',
  /* 12 */ '  urgent: { response: 10m, dispatch: 30m, resolve: 4h, calendar: office }',
  /* 13 */ '  critical: { response: 5m, dispatch: 10m, resolve: 1h, calendar: always }',
];

/** BASE with some lines replaced (1-based line → new text). */
export function withLines(replacements: Record<number, string | undefined>): string {
  return BASE.map((line, index) => replacements[index + 1] ?? line).join('\n') + '\n';
}

/** A valid file in every shape the contract allows: block-style make-up days, a calendar zone, a whole-day interval and per-type overrides. */
export const EVERY_SHAPE = [
  'calendars:',
  '  plant:',
  '    timezone: Europe/Berlin',
  '    hours:',
  '      mon: ["00:00-24:00"]',
  '      tue: ["07:00-12:00", "12:00-15:00"]',
  '      sat: []',
  '    workdays:',
  '      - 2026-10-10: tue',
  '      - 2026-10-11',
  '  always: 24x7',
  'targets:',
  '  normal: { response: 1h, dispatch: 1d, resolve: 2d4h, calendar: plant }',
  '  urgent: { response: 10m, dispatch: 30m, resolve: 1h30m, calendar: plant }',
  '  critical: { response: 5m, dispatch: 10m, resolve: 1h, calendar: always }',
  '  types:',
  '    complaint:',
  '      urgent: { resolve: 2h }',
  '      normal: { calendar: always }',
  '',
].join('\n');

let files = 0;
function writeSla(text: string): string {
  const path = join(root, `sla-${++files}.yaml`);
  writeFileSync(path, text);
  return path;
}

type LoadOptions = Parameters<typeof loadYamlFile<typeof SlaFileSchema>>[3];

export function loadSlaText(text: string, options?: LoadOptions) {
  return loadYamlFile(writeSla(text), SlaFileSchema, root, { knownKeys: SLA_KEYS, ...options });
}

/** The repository's config/sla.yaml, loaded. */
export function loadExampleSla() {
  return loadYamlFile(join(REPO, 'config', 'sla.yaml'), SlaFileSchema, REPO, { knownKeys: SLA_KEYS });
}

/** The problems loading `text` reports, as "line:column: message" in the order of the file. */
export function problemsOf(text: string, options?: LoadOptions): string[] {
  try {
    loadSlaText(text, options);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // The temp file's name varies; what matters is line:column and the message.
    return [...e.problems].sort((a, b) => a.line - b.line || a.column - b.column).map((p) => `${p.line}:${p.column}: ${p.message}`);
  }
  throw new Error('expected a ConfigError, got none');
}
