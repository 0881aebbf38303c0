import { declareCommand, RECORD_FLAGS, TICKET } from '../declaration.js';
import type { QaScoreOptions } from './qa-score.js';

export const declaration = declareCommand<QaScoreOptions>({
  name: 'score',
  description: "Score a sampled record item by item (质检评分): every item of quality.yaml pass, fail or na; asked one by one in a terminal",
  examples: ['desk qa score SD-202611-00042 --items greeting=pass,closing=pass,attitude=pass,wording=fail,knowledge=pass,timeliness=pass --comment "no closing formula"'],
  arguments: [TICKET],
  flags: {
    items: { syntax: '--items <item=verdict,...>', description: 'each item of the checklist with pass (合格), fail (不合格) or na (不适用)' },
    comment: { syntax: '--comment <text>', description: "the inspector's remarks" },
    ...RECORD_FLAGS,
  },
  load: () => import('./qa-score.js'),
});
