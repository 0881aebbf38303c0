// Quality inspection's records as an inspector reads them, and their --json shape.
import { formatIso } from '../../domain/time.js';
import type { QualityPolicy, QualityRecord } from '../../domain/quality.js';
import type { Presenter } from './present.js';
import { renderList } from './table.js';
import { printable } from './terminal-text.js';

/** A record as `--json` gives it (README "qa"). */
export function recordJson(r: QualityRecord, zone: string) {
  return {
    day: r.day,
    number: r.number,
    agent: r.agent,
    roles: r.sampled.roles,
    state: r.state,
    sampled_by: r.sampled.by,
    sampled_at: formatIso(r.sampled.at, zone),
    seed: r.sampled.seed,
    score: r.inspection?.score ?? null,
    unqualified: r.inspection ? r.inspection.unqualified : null,
    items: r.inspection?.items ?? null,
    inspector: r.inspection?.by ?? null,
    inspected_at: r.inspection ? formatIso(r.inspection.at, zone) : null,
    comment: r.inspection?.comment ?? null,
    appeal: r.appeal && { by: r.appeal.by, at: formatIso(r.appeal.at, zone), reason: r.appeal.reason },
    decision: r.decision && { by: r.decision.by, at: formatIso(r.decision.at, zone), decision: r.decision.decision, reason: r.decision.reason },
  };
}

/** The failed items of a record by their labels, e.g. "knowledge, wording". */
export function failedItems(r: QualityRecord, policy: QualityPolicy | null, present: Presenter): string {
  const items = r.inspection?.items ?? {};
  return Object.keys(items)
    .filter((id) => items[id] === 'fail')
    .map((id) => printable(policy?.items.find((i) => i.id === id)?.label[present.lang] ?? id))
    .join(', ');
}

export async function renderRecords(records: readonly QualityRecord[], policy: QualityPolicy | null, present: Presenter, o: { terminal: boolean; color: boolean; width?: number }): Promise<string> {
  const w = present.words.quality;
  const rows = records.map((r) => {
    const failed = failedItems(r, policy, present);
    return [
      r.day,
      r.number,
      printable(r.agent),
      r.sampled.roles.map((role) => w.role[role] ?? role).join(', '),
      w.states[r.state] ?? r.state,
      r.inspection ? `${r.inspection.score}${failed ? ` · ${failed}` : ''}` : '',
      printable(r.inspection?.by ?? ''),
    ];
  });
  return renderList([w.day, w.ticket, w.agent, w.roles, w.state, w.score, w.inspector], rows, { terminal: o.terminal, color: o.color, width: o.width });
}
