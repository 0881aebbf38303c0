import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_SETTINGS, loadDeskSettings, loadTeams } from '../../config/settings.js';
import { ConfigError, type Problem } from '../../config/yaml-file.js';
import { UsageError } from '../../domain/errors.js';
import { TeamDirectory } from '../../domain/vocabulary.js';
import { loadRoutingFile } from '../../rules/load.js';
import { loadSlaFile } from '../../sla/load.js';
import { compileSla } from '../../sla/targets.js';
import { compileQuality, loadQualityFile } from '../../quality/load.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

interface FileReport {
  file: string;
  ok: boolean;
  summary?: string;
  problems: Problem[];
}

/** Runs one file's check; a file with problems does not stop the others from being checked. */
function check<T>(file: string, load: () => T, summarise: (value: T) => string): { report: FileReport; value?: T } {
  try {
    const value = load();
    return { report: { file, ok: true, summary: summarise(value), problems: [] }, value };
  } catch (error) {
    if (error instanceof ConfigError) return { report: { file, ok: false, problems: error.problems } };
    throw error;
  }
}

export async function run(_input: CommandInput<Record<string, never>>, ctx: Context) {
  const dir = await ctx.configDir();
  if (!dir) throw new UsageError('no config directory', 'create one with `desk init`, or pass --config DIR');
  const reports: FileReport[] = [];
  const present = (name: string) => existsSync(join(dir, name));
  const label = (name: string) => relative(ctx.cwd, join(dir, name)) || name;

  let vocabulary = DEFAULT_SETTINGS.vocabulary;
  let deskZone = 'UTC';
  if (present('desk.yaml')) {
    const desk = check(label('desk.yaml'), () => loadDeskSettings(dir, ctx.cwd, 'UTC'), (s) => `time zone ${s.timezone}, numbers ${s.numbering.prefix}-YYYYMM-${'N'.repeat(s.numbering.digits)}`);
    reports.push(desk.report);
    if (desk.value) [vocabulary, deskZone] = [desk.value.vocabulary, desk.value.timezone];
  }
  let teams = new TeamDirectory([]);
  if (present('teams.yaml')) {
    const loaded = check(label('teams.yaml'), () => loadTeams(dir, ctx.cwd), (t) => `${t.teams().length} teams, ${t.agents().length} agents`);
    reports.push(loaded.report);
    if (loaded.value) teams = loaded.value;
  }
  if (present('routing.yaml')) {
    reports.push(
      check(label('routing.yaml'), () => loadRoutingFile(join(dir, 'routing.yaml'), ctx.cwd, teams, vocabulary), (f) => `${f.classify.length} classify rules, ${f.dispatch.length} dispatch rules`).report,
    );
  }
  if (present('sla.yaml')) {
    reports.push(
      check(
        label('sla.yaml'),
        () => compileSla(loadSlaFile(join(dir, 'sla.yaml'), ctx.cwd, vocabulary), deskZone),
        (policy) => `${policy.calendars.size} calendars, targets for normal, urgent and critical${policy.byType.size ? `, overrides for ${[...policy.byType.keys()].join(', ')}` : ''}`,
      ).report,
    );
  }
  if (present('quality.yaml')) {
    reports.push(
      check(
        label('quality.yaml'),
        () => compileQuality(loadQualityFile(join(dir, 'quality.yaml'), ctx.cwd, vocabulary)),
        (q) => `${q.items.length} checklist items, ${q.sampling.perAgent} records per agent a day, ${q.points.monthly} points a month`,
      ).report,
    );
  }
  if (!reports.length) throw new UsageError(`no config files in ${dir}`, 'create them with `desk init`');

  const warnings = zoneWarnings(dir, label);
  const failed = reports.filter((r) => !r.ok);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), { ok: failed.length === 0, files: reports, warnings });
  else for (const r of reports.filter((x) => x.ok)) ctx.io.stdout.write(`ok  ${r.file}: ${r.summary}\n`);
  for (const w of warnings) ctx.io.stderr.write(`${w.file}:${w.line}:${w.column}: warning: ${w.message}\n`);
  if (!failed.length) return 0;
  const problems = failed.flatMap((r) => r.problems);
  for (const p of problems) ctx.io.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  ctx.io.stderr.write(`desk: ${problems.length} problem(s) in ${failed.map((r) => r.file).join(', ')}\n`);
  return 2;
}

/** Where a file names its top-level `timezone`, read from the text so that the warning can point at it. */
function namedZone(path: string): { zone: string; line: number; column: number } | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^timezone:\s*(["']?)([^"'\s#]+)\1/.exec(lines[i]!);
    if (m) return { zone: m[2]!, line: i + 1, column: lines[i]!.indexOf(m[2]!) + 1 };
  }
  return null;
}

/**
 * The desk has one time zone (desk.yaml's, else sla.yaml's): two files naming different ones
 * would count months in one and deadlines in the other, which is allowed but rarely meant.
 */
function zoneWarnings(dir: string, label: (name: string) => string): Problem[] {
  const desk = namedZone(join(dir, 'desk.yaml'));
  const sla = namedZone(join(dir, 'sla.yaml'));
  if (!desk || !sla || desk.zone === sla.zone) return [];
  return [{
    file: label('desk.yaml'),
    line: desk.line,
    column: desk.column,
    message: `time zone "${desk.zone}" differs from "${sla.zone}" in ${label('sla.yaml')}:${sla.line}:${sla.column}: months and days count in ${desk.zone}, the calendars' deadlines in ${sla.zone} (name one zone in both, or leave it out of sla.yaml)`,
  }];
}
