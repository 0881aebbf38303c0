import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadYamlFile, type SemanticIssue } from '../config/yaml-file.js';
import type { AppraisalPart, QualityPolicy } from '../domain/quality.js';
import type { Vocabulary } from '../domain/vocabulary.js';
import { AppraisalSchema, PointsSchema, QUALITY_KEYS, QualityFileSchema, type QualityFile } from './schema.js';

/** The appraisal's weights when quality.yaml gives none: attitude (the quality points) first, as the regulations rank it. */
export const DEFAULT_APPRAISAL_WEIGHTS: Readonly<Record<AppraisalPart, number>> = { quality: 30, response: 15, accuracy: 15, resolution: 20, satisfaction: 20 };

/** The appraisal's rules of a desk without quality.yaml: the regulations' points rule, no bands, the default weights. */
export const DEFAULT_APPRAISAL_RULES: Pick<QualityPolicy, 'points' | 'appraisal'> = {
  points: pointsRule(PointsSchema.parse(undefined)),
  appraisal: appraisalRule(AppraisalSchema.parse(undefined)),
};

export function qualityPath(configDir: string | null): string | null {
  const path = configDir && join(configDir, 'quality.yaml');
  return path && existsSync(path) ? path : null;
}

/** Channels and types must be the desk's own (desk.yaml). */
function vocabularyIssues(file: QualityFile, vocabulary: Vocabulary): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const check = (values: string[] | undefined, known: readonly string[], key: 'channels' | 'types') =>
    values?.forEach((value, i) => {
      if (!known.includes(value)) issues.push({ path: ['sampling', key, i], message: `"${value}" is not one of the desk's ${key}: ${known.join(', ')}` });
    });
  check(file.sampling.channels, vocabulary.channels, 'channels');
  check(file.sampling.types, vocabulary.types, 'types');
  return issues;
}

/** Reads and checks quality.yaml; throws ConfigError with every problem. */
export function loadQualityFile(path: string, cwd: string, vocabulary: Vocabulary): QualityFile {
  return loadYamlFile(path, QualityFileSchema, cwd, { knownKeys: QUALITY_KEYS, check: (file) => vocabularyIssues(file, vocabulary) });
}

export function compileQuality(file: QualityFile): QualityPolicy {
  return {
    items: Object.entries(file.items).map(([id, item]) => ({ id, label: { en: item.en, zh: item.zh }, weight: item.weight })),
    unqualified: { anyFailed: file.unqualified.any_failed, below: file.unqualified.below ?? null },
    sampling: { perAgent: file.sampling.per_agent, channels: file.sampling.channels ?? null, types: file.sampling.types ?? null, ownTickets: file.sampling.own_tickets },
    inspectors: file.inspectors,
    points: pointsRule(file.points),
    appraisal: appraisalRule(file.appraisal),
  };
}

function pointsRule(points: QualityFile['points']): QualityPolicy['points'] {
  const label = (text: string | { en: string; zh: string }) => (typeof text === 'string' ? { en: text, zh: text } : text);
  return { monthly: points.monthly, unqualifiedPerDay: points.unqualified_per_day, deduct: points.deduct, bands: points.bands.map((b) => ({ below: b.below, effect: label(b.effect) })) };
}

function appraisalRule(appraisal: QualityFile['appraisal']): QualityPolicy['appraisal'] {
  const weights = appraisal.weights ? { quality: 0, response: 0, accuracy: 0, resolution: 0, satisfaction: 0, ...appraisal.weights } : DEFAULT_APPRAISAL_WEIGHTS;
  return { weights, complaint: appraisal.complaint };
}

/** The desk's quality rules, or null when the config directory has no quality.yaml. */
export function loadQuality(configDir: string | null, cwd: string, vocabulary: Vocabulary): QualityPolicy | null {
  const path = qualityPath(configDir);
  return path ? compileQuality(loadQualityFile(path, cwd, vocabulary)) : null;
}
