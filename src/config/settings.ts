// The desk's settings: defaults → config files → environment → flags.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TeamDirectory, DEFAULT_VOCABULARY, makeVocabulary, type Vocabulary } from '../domain/vocabulary.js';
import { LANGS, type GivenLabel, type Lang, type TermLabel } from '../domain/terms.js';
import { STATUSES, URGENCIES } from '../domain/ticket.js';
import type { NumberingSettings } from '../domain/numbering.js';
import { loadYamlFile } from './yaml-file.js';
import { parseDuration } from '../domain/time.js';
import { TimezoneSchema } from './time-zone.js';
import { DEFAULT_TEXT_LIMITS, type TextLimits } from '../domain/text-limits.js';
import { DEFAULT_SATISFACTION_LABELS, normaliseLabel } from '../domain/satisfaction.js';

const valueName = z.string().min(1).regex(/^[a-z0-9_-]+$/, 'use lower-case letters, digits, - and _');
const label = z.union([z.string().min(1), z.object({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() }).strict()]);
/** The values of a kind: a list of ids, or a map of ids to labels that adds to the built-in ones. */
const valueList = z.union([
  z.array(valueName).min(1),
  z.record(valueName, label.nullable()).refine((map) => Object.keys(map).length > 0, 'name at least one value'),
]);
const labelsOf = (values: readonly string[]) =>
  z.record(z.string(), label).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) if (!values.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `not one of ${values.join(', ')}`, params: { at: 'key' } });
  });

export const DeskFileSchema = z
  .object({
    timezone: TimezoneSchema.optional().describe("the desk's time zone: months, days and the times shown (default: sla.yaml's, else the system's)"),
    numbering: z
      .object({
        prefix: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'a prefix is 1–10 upper-case letters or digits, starting with a letter').optional(),
        digits: z.number().int().min(3).max(9).optional(),
      })
      .strict()
      .optional(),
    language: z.enum(LANGS).optional().describe('language of what desk prints: en or zh (default: from LANG)'),
    channels: valueList.optional().describe('a list replaces the built-in channels; a map of channel to label adds to them or relabels one'),
    types: valueList.optional(),
    impacts: valueList.optional(),
    urgencies: labelsOf(URGENCIES).optional().describe('labels of the urgencies, e.g. { critical: 特急 }'),
    statuses: labelsOf(STATUSES).optional().describe('labels of the statuses, e.g. { pending: 待补充材料 }'),
    auto: z.boolean().optional(),
    satisfaction: z
      .record(z.string().min(1), z.number().int().min(1).max(5))
      .superRefine((map, ctx) => {
        for (const key of Object.keys(map)) {
          if (/^\s*\d+\s*$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'a label is a word: the numbers 1 to 5 are accepted as they are', params: { at: 'key' } });
        }
      })
      .optional()
      .describe('the words a requester rates with and their score from 1 to 5, added to 满意 5, 基本满意 4, 不满意 1 (satisfied, fairly satisfied, dissatisfied)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY, USD, EUR').optional(),
    callers: z
      .object({
        repeat_window: z
          .string()
          .regex(/^\s*(\d+\s*[smhdw]\s*)+$/, 'a duration such as 7d, 72h or 2w')
          .optional()
          .describe("a ticket is a repeat call when its caller had a ticket of the same category this long before it (default 7d)"),
      })
      .strict()
      .optional(),
    limits: z
      .object({
        title: z.number().int().min(20).max(10_000).optional().describe('characters of a title (default 500)'),
        text: z.number().int().min(1_000).max(10_000_000).optional().describe('characters of a description, solution, note or reason (default 65536)'),
      })
      .strict()
      .optional(),
  })
  .strict();

const agentName = z.string().min(1);
const TEAM_KEY = /^[a-z0-9_-]+$/;
export const TeamsFileSchema = z
  .object({
    supervisor: agentName.optional().describe("the desk's supervisor, over every team: returns after their window, and extension decisions"),
    teams: z
      .record(z.string(), z.object({ name: label.optional().describe('shown for the team: one name, or { en, zh }'), supervisor: agentName.optional(), members: z.array(agentName).default([]) }).strict())
      .superRefine((teams, ctx) => {
        for (const key of Object.keys(teams)) {
          if (!TEAM_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'team keys use lower-case letters, digits, - and _', params: { at: 'key' } });
        }
      }),
  })
  .strict();

export interface DeskSettings {
  timezone: string;
  numbering: NumberingSettings;
  vocabulary: Vocabulary;
  /** desk.yaml's language, when it names one; else the output follows --lang or LANG. */
  language: Lang | null;
  /** What teams.yaml calls each team, kept here so that showing a ticket needs no YAML. */
  teamNames: Readonly<Record<string, TermLabel>>;
  auto: boolean;
  /** Currency of visit costs (ISO 4217). */
  currency: string;
  limits: TextLimits;
  /** Satisfaction labels and their score, desk.yaml's over the built-in ones. */
  satisfactionLabels: Readonly<Record<string, number>>;
  /** How far back an earlier ticket of the caller makes a ticket a repeat call, in milliseconds. */
  repeatCallWindow: number;
}

export const DEFAULT_SETTINGS: DeskSettings = {
  timezone: 'UTC',
  numbering: { prefix: 'SD', digits: 5 },
  vocabulary: DEFAULT_VOCABULARY,
  language: null,
  teamNames: {},
  auto: false,
  currency: 'CNY',
  limits: DEFAULT_TEXT_LIMITS,
  satisfactionLabels: DEFAULT_SATISFACTION_LABELS,
  repeatCallWindow: 7 * 86_400_000,
};

// Of sla.yaml, only the desk's zone is read here; the whole file is checked where deadlines are kept.
const SlaZoneSchema = z.object({ timezone: TimezoneSchema.optional() }).loose();

/** The zone sla.yaml names, when there is such a file and it names one. */
export function slaFileZone(configDir: string | null, cwd: string): string | undefined {
  const path = configDir && join(configDir, 'sla.yaml');
  return path && existsSync(path) ? loadYamlFile(path, SlaZoneSchema, cwd).timezone : undefined;
}

/**
 * Reads desk.yaml from the config directory when there is one. The desk has one time zone:
 * desk.yaml's, else sla.yaml's, else the system's (`systemZone` is asked for only then: finding it
 * costs an ICU start-up), so months and days fall where the deadlines' calendars put them.
 */
export function loadDeskSettings(configDir: string | null, cwd: string, systemZone: string | (() => string)): DeskSettings {
  const path = configDir && join(configDir, 'desk.yaml');
  const file = path && existsSync(path) ? loadYamlFile(path, DeskFileSchema, cwd) : {};
  return {
    timezone: file.timezone ?? slaFileZone(configDir, cwd) ?? (typeof systemZone === 'function' ? systemZone() : systemZone),
    numbering: { ...DEFAULT_SETTINGS.numbering, ...file.numbering },
    vocabulary: vocabularyOf(file),
    language: file.language ?? null,
    teamNames: Object.fromEntries(loadTeams(configDir, cwd).teams().flatMap((t) => (t.label ? [[t.key, t.label]] : []))),
    auto: file.auto ?? false,
    currency: file.currency ?? DEFAULT_SETTINGS.currency,
    limits: { ...DEFAULT_TEXT_LIMITS, ...file.limits },
    satisfactionLabels: satisfactionLabelsOf(file.satisfaction),
    repeatCallWindow: file.callers?.repeat_window === undefined ? DEFAULT_SETTINGS.repeatCallWindow : parseDuration(file.callers.repeat_window, 'desk.yaml callers.repeat_window'),
  };
}

type DeskFile = z.infer<typeof DeskFileSchema>;

/** The values of one kind and the labels desk.yaml gives them: a list replaces the built-in values, a map adds to them. */
function valuesOf(given: DeskFile['channels'], builtIn: readonly string[]): { values: readonly string[]; labels: Record<string, GivenLabel | null> } {
  if (given === undefined) return { values: builtIn, labels: {} };
  if (Array.isArray(given)) return { values: given, labels: {} };
  return { values: [...new Set([...builtIn, ...Object.keys(given)])], labels: given };
}

/** The built-in labels with desk.yaml's over them: a label given again, in any case, takes the new score. */
function satisfactionLabelsOf(given: Record<string, number> | undefined): Record<string, number> {
  if (!given) return { ...DEFAULT_SATISFACTION_LABELS };
  const keys = new Set(Object.keys(given).map(normaliseLabel));
  const kept = Object.entries(DEFAULT_SATISFACTION_LABELS).filter(([label]) => !keys.has(normaliseLabel(label)));
  return { ...Object.fromEntries(kept), ...given };
}

function vocabularyOf(file: DeskFile): Vocabulary {
  const channels = valuesOf(file.channels, DEFAULT_VOCABULARY.channels);
  const types = valuesOf(file.types, DEFAULT_VOCABULARY.types);
  const impacts = valuesOf(file.impacts, DEFAULT_VOCABULARY.impacts);
  return makeVocabulary(
    { channels: channels.values, types: types.values, impacts: impacts.values },
    { channel: channels.labels, type: types.labels, impact: impacts.labels, urgency: file.urgencies ?? {}, status: file.statuses ?? {} },
  );
}

export function loadTeams(configDir: string | null, cwd: string): TeamDirectory {
  const path = configDir && join(configDir, 'teams.yaml');
  if (!path || !existsSync(path)) return new TeamDirectory([]);
  const file = loadYamlFile(path, TeamsFileSchema, cwd);
  return new TeamDirectory(
    Object.entries(file.teams).map(([key, t]) => {
      const label = typeof t.name === 'string' ? { en: t.name, zh: t.name } : { en: t.name?.en ?? key, zh: t.name?.zh ?? t.name?.en ?? key };
      return { key, name: label.en, label, supervisor: t.supervisor ?? null, members: t.members };
    }),
    file.supervisor ?? null,
  );
}
