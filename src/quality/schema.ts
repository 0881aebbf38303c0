// The contract of config/quality.yaml: the checklist of a service record, what makes one
// unqualified, the daily sample, the monthly points rule and the appraisal's weights. The same
// schema validates the file and publishes its JSON Schema.
import { z } from 'zod';
import { APPRAISAL_PARTS } from '../domain/quality.js';

const custom = (ctx: z.RefinementCtx, message: string, path: PropertyKey[] = [], atKey = false) =>
  ctx.addIssue({ code: 'custom', message, path, ...(atKey && { params: { at: 'key' } }) });

const ITEM_ID = /^[a-z0-9_-]+$/;
const label = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict().describe('the words in English and in Chinese, e.g. { en: Greeting, zh: 问候语 }');
const text = z.union([z.string().min(1), label]);

const ItemSchema = z
  .object({
    en: z.string().min(1).describe('what the item is called in English'),
    zh: z.string().min(1).describe('what the item is called in Chinese, e.g. 问候语'),
    weight: z.number({ error: 'a weight is a number, e.g. 10' }).positive('a weight is above 0').describe("the item's share of the record's score"),
  })
  .strict();

const BandSchema = z
  .object({
    below: z.number().int().min(1).describe('points under this fall in the band'),
    effect: text.describe('what the band means for the agent, e.g. the bonus withheld'),
  })
  .strict();

export const PointsSchema = z
  .object({
    monthly: z.number().int().min(1).default(26).describe('the points an agent starts each month with'),
    unqualified_per_day: z.number().int().min(1).default(4).describe('a day with this many unqualified records or more costs points'),
    deduct: z.number().int().min(1).default(1).describe('the points such a day costs'),
    bands: z.array(BandSchema).default([]).describe('what falling under a number of points means, e.g. { below: 20, effect: … }'),
  })
  .strict()
  .prefault({});

export const AppraisalSchema = z
  .object({
    weights: z
      .object(Object.fromEntries(APPRAISAL_PARTS.map((part) => [part, z.number().min(0).optional()])) as Record<(typeof APPRAISAL_PARTS)[number], z.ZodOptional<z.ZodNumber>>)
      .strict()
      .optional()
      .describe('the share of each part in the appraisal score: quality, response, accuracy, resolution, satisfaction'),
    complaint: z.number().min(0).default(5).describe('points off the appraisal score for each complaint against the agent found true'),
  })
  .strict()
  .prefault({});

export const QualityFileSchema = z
  .object({
    inspectors: z.array(z.string().min(1)).default([]).describe('who may draw samples and score records, besides the supervisors of teams.yaml'),
    items: z
      .record(z.string(), ItemSchema)
      .superRefine((items, ctx) => {
        if (!Object.keys(items).length) custom(ctx, 'name at least one item, e.g. greeting: { en: Greeting, zh: 问候语, weight: 10 }');
        for (const key of Object.keys(items)) if (!ITEM_ID.test(key)) custom(ctx, 'item ids use lower-case letters, digits, - and _', [key], true);
      })
      .describe('the checklist of a record: each item by id, with its labels and weight'),
    unqualified: z
      .object({
        any_failed: z.boolean().default(true).describe('a record with any item failed is unqualified'),
        below: z.number().min(0).max(100).optional().describe('a record whose weighted score (0–100) is under this is unqualified'),
      })
      .strict()
      .prefault({}),
    sampling: z
      .object({
        per_agent: z.number().int().min(1).max(1000).default(20).describe("records drawn per agent per day from the tickets they logged, responded to or resolved that day"),
        channels: z.array(z.string().min(1)).min(1).optional().describe('only tickets of these channels (default: all)'),
        types: z.array(z.string().min(1)).min(1).optional().describe('only tickets of these types (default: all)'),
        own_tickets: z.boolean().default(false).describe('whether an inspector may sample a ticket they took part in (default: no)'),
      })
      .strict()
      .prefault({}),
    points: PointsSchema,
    appraisal: AppraisalSchema,
  })
  .strict()
  .superRefine((file, ctx) => {
    const bands = file.points.bands;
    for (let i = 1; i < bands.length; i++) {
      if (bands[i]!.below >= bands[i - 1]!.below) custom(ctx, `list the bands from the highest threshold down: ${bands[i]!.below} follows ${bands[i - 1]!.below}`, ['points', 'bands', i, 'below']);
    }
    bands.forEach((band, i) => {
      if (band.below > file.points.monthly) custom(ctx, `${band.below} is above the ${file.points.monthly} points a month starts with`, ['points', 'bands', i, 'below']);
    });
    const weights = file.appraisal.weights;
    if (weights && !Object.values(weights).some((w) => (w ?? 0) > 0)) custom(ctx, 'give at least one part a weight above 0', ['appraisal', 'weights']);
  });

export type QualityFile = z.infer<typeof QualityFileSchema>;

/** Every key the file may use, for "did you mean" on an unknown one. */
export const QUALITY_KEYS = [
  'inspectors', 'items', 'en', 'zh', 'weight', 'unqualified', 'any_failed', 'below', 'sampling', 'per_agent', 'channels', 'types', 'own_tickets',
  'points', 'monthly', 'unqualified_per_day', 'deduct', 'bands', 'effect', 'appraisal', 'weights', 'complaint', ...APPRAISAL_PARTS,
];
