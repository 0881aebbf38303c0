// The printable service report of a ticket (the form signed after a visit): requester, problem,
// visits, cause, solution, parts, costs, satisfaction and signature lines.
import { printable, printableBlock } from './terminal-text.js';
import type { Ticket } from '../../domain/ticket.js';
import { formatLocal } from '../../domain/time.js';
import { formatMoney, type Visit } from '../../domain/visit.js';

export interface ServiceReportInput {
  ticket: Ticket;
  visits: Visit[];
  zone: string;
  currency: string;
  contact: string | null;
}

interface Section {
  title: string;
  rows: [string, string][];
}

function sections({ ticket: t, visits, zone, currency, contact }: ServiceReportInput): Section[] {
  const time = (ms: number | null) => (ms === null ? '' : formatLocal(ms, zone));
  const total = (pick: (v: Visit) => number) => visits.reduce((sum, v) => sum + pick(v), 0);
  const out: Section[] = [
    {
      title: 'Requester',
      rows: [
        ['Name', t.requester ?? ''],
        ['Department', t.department ?? ''],
        ['Contact', contact ?? ''],
        ['Channel', t.channel ?? ''],
        ['Reported', time(t.created_at)],
      ],
    },
    {
      title: 'Problem',
      rows: [
        ['Title', t.title],
        ['Description', t.description ?? ''],
        ['Type / category / urgency', [t.type, t.category, t.urgency].filter(Boolean).join(' / ')],
        ['Team / agent', [t.team, t.assignee].filter(Boolean).join(' / ')],
      ],
    },
  ];
  visits.forEach((v, i) =>
    out.push({
      title: `Visit ${i + 1}`,
      rows: [
        ['Date', time(v.visited_at)],
        ['Staff', `${v.staff.join(', ')} (${v.person_times} person-time${v.person_times === 1 ? '' : 's'})`],
        ['Hours on site', v.hours === null ? '' : String(v.hours)],
        ['Fault cause', v.cause ?? ''],
        ['Parts replaced', v.parts ?? ''],
        ['Materials', formatMoney(v.materials_cents, currency)],
        ['Transport', formatMoney(v.transport_cents, currency)],
        ["Requester's opinion", v.opinion ?? ''],
      ],
    }),
  );
  out.push({
    title: 'Outcome',
    rows: [
      ['Solution', t.solution ?? ''],
      ['Steps taken', t.steps ?? ''],
      ['Remaining issues', t.remaining ?? ''],
      ['Resolved', time(t.resolved_at)],
      ['Costs', `materials ${formatMoney(total((v) => v.materials_cents), currency)}, transport ${formatMoney(total((v) => v.transport_cents), currency)}, total ${formatMoney(total((v) => v.materials_cents + v.transport_cents), currency)}`],
      ['Satisfaction', t.satisfaction === null ? '' : `${t.satisfaction} / 5`],
    ],
  });
  return out;
}

export function renderServiceReportMarkdown(input: ServiceReportInput): string {
  const cell = (text: string) => printableBlock(text).replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  let out = `# Service report ${printable(input.ticket.number)}\n`;
  for (const section of sections(input)) {
    out += `\n## ${section.title}\n\n| | |\n| --- | --- |\n${section.rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`).join('\n')}\n`;
  }
  return `${out}\n---\n\nEngineer: ____________________   Requester: ____________________   Date: ____________\n`;
}

export function renderServiceReportHtml(input: ServiceReportInput): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  const body = sections(input)
    .map((s) => `<h2>${escape(s.title)}</h2><table>${s.rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v).replace(/\n/g, '<br>')}</td></tr>`).join('')}</table>`)
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Service report ${escape(input.ticket.number)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;max-width:760px;margin:2em auto}table{border-collapse:collapse;width:100%}th{text-align:left;width:30%;font-weight:normal;color:#555}th,td{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top}.sign{margin-top:3em;display:flex;justify-content:space-between}@media print{body{margin:0}}</style>
</head><body>
<h1>Service report ${escape(input.ticket.number)}</h1>
${body}
<div class="sign"><span>Engineer: ____________</span><span>Requester: ____________</span><span>Date: ________</span></div>
</body></html>
`;
}
