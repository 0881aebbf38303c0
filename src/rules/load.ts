import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadYamlFile } from '../config/yaml-file.js';
import { UsageError } from '../domain/errors.js';
import type { TeamDirectory, Vocabulary } from '../domain/vocabulary.js';
import { RuleEngine } from './engine.js';
import { ROUTING_KEYS, RoutingFileSchema, type RoutingFile } from './schema.js';
import { checkRouting, withValueIds } from './validate.js';

export function routingPath(configDir: string | null): string | null {
  const path = configDir && join(configDir, 'routing.yaml');
  return path && existsSync(path) ? path : null;
}

/** Reads and checks routing.yaml; throws ConfigError with every problem. */
export function loadRoutingFile(path: string, cwd: string, teams: TeamDirectory, vocabulary: Vocabulary): RoutingFile {
  return withValueIds(loadYamlFile(path, RoutingFileSchema, cwd, { knownKeys: ROUTING_KEYS, check: (file) => checkRouting(file, teams, vocabulary) }), vocabulary);
}

/** The compiled rules of the config directory; a desk without routing.yaml cannot run rules. */
export function loadRules(configDir: string | null, cwd: string, teams: TeamDirectory, vocabulary: Vocabulary): RuleEngine {
  const path = routingPath(configDir);
  if (!path) {
    throw new UsageError(`no routing.yaml in ${configDir ?? 'any config directory'}`, 'run `desk init` for an example, or set --type/--team by hand');
  }
  return new RuleEngine(loadRoutingFile(path, cwd, teams, vocabulary));
}
