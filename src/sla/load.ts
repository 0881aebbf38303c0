import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadYamlFile } from '../config/yaml-file.js';
import type { Vocabulary } from '../domain/vocabulary.js';
import { SLA_KEYS, SlaFileSchema, type SlaFile } from './schema.js';
import { compileSla, slaTypeIssues, type SlaPolicy } from './targets.js';

export function slaPath(configDir: string | null): string | null {
  const path = configDir && join(configDir, 'sla.yaml');
  return path && existsSync(path) ? path : null;
}

/** Reads and checks sla.yaml; throws ConfigError with every problem. */
export function loadSlaFile(path: string, cwd: string, vocabulary: Vocabulary): SlaFile {
  return loadYamlFile(path, SlaFileSchema, cwd, { knownKeys: SLA_KEYS, check: (file) => slaTypeIssues(file, vocabulary.types) });
}

/** The desk's SLA policy, or null when the config directory has no sla.yaml (no deadlines kept). */
export function loadSla(configDir: string | null, cwd: string, vocabulary: Vocabulary, deskTimezone: string): SlaPolicy | null {
  const path = slaPath(configDir);
  return path ? compileSla(loadSlaFile(path, cwd, vocabulary), deskTimezone) : null;
}
