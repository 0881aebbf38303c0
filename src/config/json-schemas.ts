// The published JSON Schemas of the config files (config/schema/), derived from the same zod
// schemas that validate them, so the two cannot drift apart.
import { z } from 'zod';
import { RoutingFileSchema } from '../rules/schema.js';
import { SlaFileSchema } from '../sla/schema.js';
import { QualityFileSchema } from '../quality/schema.js';
import { DeskFileSchema, TeamsFileSchema } from './settings.js';

const FILES = {
  'desk.schema.json': { title: 'desk.yaml: settings of the desk', schema: DeskFileSchema },
  'teams.schema.json': { title: 'teams.yaml: teams, supervisors and members', schema: TeamsFileSchema },
  'routing.schema.json': { title: 'routing.yaml: classification and dispatch rules', schema: RoutingFileSchema },
  'sla.schema.json': { title: 'sla.yaml: business calendars and SLA targets', schema: SlaFileSchema },
  'quality.schema.json': { title: 'quality.yaml: quality inspection of service records and the appraisal', schema: QualityFileSchema },
} as const;

export function renderJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, { title, schema }] of Object.entries(FILES)) {
    const json = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title };
    out[file] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return out;
}
