// The contract of config/routing.yaml (DESIGN.md "Rules"). The same schema validates the file and
// produces the published JSON Schema.
import { z } from 'zod';

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const keywordList = z.array(z.string().min(1)).min(1);

export const KeywordCondition = z.union([
  keywordList,
  z
    .object({
      any: keywordList.optional().describe('at least one of these'),
      all: keywordList.optional().describe('every one of these'),
      none: keywordList.optional().describe('none of these'),
      in: z.enum(['title', 'description', 'both']).optional().describe('where to look (default both)'),
    })
    .strict()
    .refine((k) => k.any || k.all || k.none, 'give at least one of any, all, none'),
]);

export const WhenSchema = z
  .object({
    keywords: KeywordCondition.optional().describe('case-insensitive substrings; a list means any of them, in title or description'),
    regex: z.string().min(1).optional().describe('regular expression tested, case-insensitively, on "title\\ndescription"'),
    department: oneOrMany.optional(),
    channel: oneOrMany.optional(),
    requester: oneOrMany.optional(),
    type: oneOrMany.optional(),
    category: oneOrMany.optional().describe('glob on the category path: hardware/*, network/**'),
    urgency: oneOrMany.optional(),
    impact: oneOrMany.optional(),
  })
  .strict();

const ruleName = z.string().regex(/^[\w.-]+$/u, 'rule names use letters, digits, _, - and .');

export const ClassifyRuleSchema = z
  .object({
    name: ruleName,
    when: WhenSchema.optional().describe('no when: matches every ticket'),
    set: z
      .object({
        type: z.string().min(1).optional(),
        category: z.string().regex(/^[^/\s][^/]*(\/[^/]+)*$/, 'a category is words separated by /, e.g. hardware/printer').optional(),
        urgency: z.string().min(1).optional(),
        impact: z.string().min(1).optional(),
      })
      .strict(),
    stop: z.boolean().optional().describe('end evaluation after this rule when it matches'),
  })
  .strict();

export const DispatchRuleSchema = z
  .object({
    name: ruleName,
    when: WhenSchema.optional(),
    team: z.string().min(1).optional().describe('primary team (a key of teams.yaml)'),
    with: z.array(z.string().min(1)).optional().describe('collaborating teams'),
    assign: z.string().min(1).optional().describe('round-robin, least-loaded, or an agent of the team'),
    notify: z.literal('supervisor').optional().describe("record a notification to the team's supervisor"),
    stop: z.boolean().optional(),
  })
  .strict();

export const RoutingFileSchema = z
  .object({
    classify: z.array(ClassifyRuleSchema).default([]),
    dispatch: z.array(DispatchRuleSchema).default([]),
  })
  .strict();

export type When = z.infer<typeof WhenSchema>;
export type ClassifyRule = z.infer<typeof ClassifyRuleSchema>;
export type DispatchRule = z.infer<typeof DispatchRuleSchema>;
export type RoutingFile = z.infer<typeof RoutingFileSchema>;

/** Every key the file may use, for "did you mean" on an unknown one. */
export const ROUTING_KEYS = [
  'classify', 'dispatch', 'name', 'when', 'set', 'stop', 'team', 'with', 'assign', 'notify',
  ...Object.keys(WhenSchema.shape), 'any', 'all', 'none', 'in', 'type', 'category', 'urgency', 'impact',
];
