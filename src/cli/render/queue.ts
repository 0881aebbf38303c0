// The operator's queue in one screen: four short sections, every line fitted to the width.
import { printable, printableTicket } from './terminal-text.js';
import { openAssists } from '../../domain/assists.js';
import type { QueueFacts, QueueSection } from '../../domain/queue.js';
import { truncateToWidth } from './display-width.js';
import { DEFAULT_WIDTH, renderAlignedTable, type ColumnFit } from './fit-table.js';
import type { Presenter } from './present.js';
import type { Style } from './style.js';

export interface QueueView {
  actor: string;
  teams: string[] | null;
  now: number;
  present: Presenter;
  within: string;
  style: Style;
  width?: number;
  /** Terminal height; the sections share it. */
  height?: number;
}

// Number, Status, Urgency, Who, Title, Due: at 80 columns urgency and who give way to the title.
const FITS: readonly ColumnFit[] = [{}, {}, { drop: 3 }, { drop: 2 }, { flex: true, min: 24 }, {}];
const SECTIONS = 4;

/** How many tickets each section may show so that the whole queue fits `height` lines. */
export function rowsPerSection(facts: QueueFacts, height: number | undefined): number {
  if (!height) return 5;
  // Header, blank line, the headings (supervision's only when it has tickets), footer.
  const headings = SECTIONS + (facts.supervision.total ? 1 : 0) + (facts.assists.total ? 1 : 0);
  const room = Math.max(headings, height - 3 - headings - 1);
  const wanted = [facts.mine, facts.breached, facts.dueSoon, facts.unassigned, facts.supervision, facts.assists].filter((s) => s.total > 0).length || 1;
  // A section that has more than it shows takes one more line for "… and N more".
  return Math.max(1, Math.floor(room / wanted) - 1);
}

interface Section {
  heading: string;
  facts: QueueSection;
  who: 'team' | 'assignee' | 'assist';
  more: string;
  emphasis: (text: string) => string;
  /** What the due column says of a ticket, when not its next deadline. */
  due?: (ticket: QueueSection['tickets'][number]) => { text: string; overdue: boolean };
}

export function renderQueue(facts: QueueFacts, v: QueueView): string {
  const { style, present: p } = v;
  const w = p.words.queue;
  const perSection = rowsPerSection(facts, v.height);
  const scope = v.teams ? printable(v.teams.join(', ')) : w.wholeDesk;
  const actor = printable(v.actor);
  const sections: Section[] = [
    { heading: w.mine, facts: facts.mine, who: 'team', more: `desk list --assignee ${actor} --status open`, emphasis: style.bold },
    { heading: w.breached, facts: facts.breached, who: 'assignee', more: 'desk list --overdue', emphasis: (t) => style.red(style.bold(t)) },
    { heading: w.dueWithin(v.within), facts: facts.dueSoon, who: 'assignee', more: `desk list --due-within ${v.within}`, emphasis: (t) => style.yellow(style.bold(t)) },
    { heading: w.unassigned, facts: facts.unassigned, who: 'team', more: 'desk list --status new,reopened', emphasis: style.bold },
  ];
  // Shown only when an order is late: most desks never supervise.
  if (facts.supervision.total) {
    sections.push({
      heading: p.words.supervision.queue, facts: facts.supervision, who: 'team', more: 'desk sla check', emphasis: (t) => style.red(style.bold(t)),
      due: (t) => ({ text: p.words.overdue(p.span(v.now - (t.supervision_due_at ?? v.now))), overdue: true }),
    });
  }
  // Shown only when the operator's teams collaborate on tickets they do not lead.
  if (facts.assists.total) {
    const mine = (t: QueueSection['tickets'][number]) => openAssists(t.assists).filter((a) => v.teams === null || v.teams.includes(a.team));
    sections.push({
      heading: p.words.assist.queue, facts: facts.assists, who: 'assist', more: v.teams ? `desk list --team ${printable(v.teams[0]!)}` : 'desk sla check', emphasis: style.bold,
      due: (t) => {
        const due = mine(t).map((a) => a.due_at).filter((d): d is number => d !== null);
        if (!due.length) return { text: '', overdue: false };
        const first = Math.min(...due);
        return first < v.now ? { text: p.words.overdue(p.span(v.now - first)), overdue: true } : { text: p.time(first), overdue: false };
      },
    });
  }
  // One table for all sections, so their columns line up.
  const rows = sections.map((s) =>
    s.facts.tickets.slice(0, perSection).map(printableTicket).map((t) => {
      const due = s.due ? s.due(t) : p.nextDue(t, v.now);
      const label = t.urgency === null ? '' : p.value('urgency', t.urgency);
      const urgency = t.urgency === 'critical' ? style.red(label) : t.urgency === 'urgent' ? style.yellow(label) : label;
      return [`  ${t.number}`, p.value('status', t.status), urgency, (s.who === 'assist' ? openAssists(t.assists).map((a) => a.team).join(',') : s.who === 'team' ? t.team : (t.assignee ?? t.team)) ?? '', t.title, due.overdue ? style.red(due.text) : due.text];
    }),
  );
  const lines = renderAlignedTable(null, rows.flat(), { width: v.width, fits: FITS }).trimEnd().split('\n');
  const out = [`${style.bold(w.of(actor))} ${style.dim(`(${scope}) · ${p.time(v.now)}`)}`, ''];
  let at = 0;
  sections.forEach((s, i) => {
    if (!s.facts.total) {
      out.push(`${s.emphasis(s.heading)} ${style.dim(w.none)}`);
      return;
    }
    out.push(s.emphasis(`${s.heading} (${s.facts.total})`), ...lines.slice(at, at + rows[i]!.length));
    at += rows[i]!.length;
    if (s.facts.total > rows[i]!.length) out.push(style.dim(truncateToWidth(`  ${w.more(s.facts.total - rows[i]!.length, s.more)}`, v.width ?? DEFAULT_WIDTH)));
  });
  out.push(style.dim(w.footer));
  return `${out.join('\n')}\n`;
}
