// The desk's settings: defaults → config files → environment → flags.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TeamDirectory, DEFAULT_VOCABULARY, type Vocabulary } from '../domain/vocabulary.js';
import type { NumberingSettings } from '../domain/numbering.js';
import { loadYamlFile } from './yaml-file.js';
import { TimezoneSchema } from './time-zone.js';
import { DEFAULT_TEXT_LIMITS, type TextLimits } from '../domain/text-limits.js';

const nameList = z.array(z.string().min(1).regex(/^[a-z0-9_-]+$/, 'use lower-case letters, digits, - and _')).min(1);

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
    channels: nameList.optional(),
    types: nameList.optional(),
    impacts: nameList.optional(),
    auto: z.boolean().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY, USD, EUR').optional(),
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
    teams: z
      .record(z.string(), z.object({ name: z.string().optional(), supervisor: agentName.optional(), members: z.array(agentName).default([]) }).strict())
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
  auto: boolean;
  /** Currency of visit costs (ISO 4217). */
  currency: string;
  limits: TextLimits;
}

export const DEFAULT_SETTINGS: DeskSettings = {
  timezone: 'UTC',
  numbering: { prefix: 'SD', digits: 5 },
  vocabulary: DEFAULT_VOCABULARY,
  auto: false,
  currency: 'CNY',
  limits: DEFAULT_TEXT_LIMITS,
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
    vocabulary: {
      ...DEFAULT_VOCABULARY,
      ...(file.channels && { channels: file.channels }),
      ...(file.types && { types: file.types }),
      ...(file.impacts && { impacts: file.impacts }),
    },
    auto: file.auto ?? false,
    currency: file.currency ?? DEFAULT_SETTINGS.currency,
    limits: { ...DEFAULT_TEXT_LIMITS, ...file.limits },
  };
}

export function loadTeams(configDir: string | null, cwd: string): TeamDirectory {
  const path = configDir && join(configDir, 'teams.yaml');
  if (!path || !existsSync(path)) return new TeamDirectory([]);
  const file = loadYamlFile(path, TeamsFileSchema, cwd);
  return new TeamDirectory(
    Object.entries(file.teams).map(([key, t]) => ({ key, name: t.name ?? key, supervisor: t.supervisor ?? null, members: t.members })),
  );
}
