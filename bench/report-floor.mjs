// The monthly report's floor, bench/report.sql: its aggregates written by hand for the sqlite3
// shell, and the same queries in PostgreSQL's words for psql, made from it so that the two floors
// cannot drift apart.
import { readFileSync } from 'node:fs';

/** The month of the benchmark and the one before it, in the example desk's zone. */
export const REPORT_MONTH = { month: '2026-09', previousStart: Date.parse('2026-08-01T00:00:00+08:00'), start: Date.parse('2026-09-01T00:00:00+08:00'), end: Date.parse('2026-10-01T00:00:00+08:00') };

/** report.sql as PostgreSQL reads it: booleans are not numbers, json is read with ->>, min of two values is least. */
export function postgresFloor(sql) {
  return sql
    .replaceAll('SUM(met = 1), SUM(met = 0)', 'count(*) FILTER (WHERE met), count(*) FILTER (WHERE NOT met)')
    .replaceAll('SUM(EXISTS (', 'count(*) FILTER (WHERE EXISTS (')
    .replace(/SUM\(([^()]*(?:<|>=)[^()]*)\)/g, 'count(*) FILTER (WHERE $1)')
    .replace(/json_extract\((\w+), '\$\.(\w+)'\)/g, "$1->>'$2'")
    .replaceAll('min(:end, :now)', 'least(:end, :now)');
}

/** The floor's SQL for the benchmark's month, for the sqlite3 shell or (postgres) psql. */
export function reportFloorSql(root, now, { postgres = false } = {}) {
  const sql = readFileSync(`${root}bench/report.sql`, 'utf8');
  const m = REPORT_MONTH;
  return (postgres ? postgresFloor(sql) : sql)
    .replaceAll(':pstart', String(m.previousStart)).replaceAll(':pend', String(m.start))
    .replaceAll(':start', String(m.start)).replaceAll(':end', String(m.end)).replaceAll(':now', String(now));
}
