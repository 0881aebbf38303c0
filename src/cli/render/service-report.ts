// The printable service report of a ticket (the form signed after a visit): requester, problem,
// visits, cause, solution, parts, costs, satisfaction and signature lines.
import { printable, printableBlock } from './terminal-text.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Words } from './catalogue.js';
import type { Presenter } from './present.js';
import { formatMoney, type Visit } from '../../domain/visit.js';

export interface ServiceReportInput {
  ticket: Ticket;
  visits: Visit[];
  present: Presenter;
  currency: string;
  contact: string | null;
}

interface Section {
  title: string;
  rows: [string, string][];
}

function sections({ ticket: t, visits, present: p, currency, contact }: ServiceReportInput): Section[] {
  const w = p.words.service;
  const f = (field: string) => p.heading(field);
  const time = (ms: number | null) => (ms === null ? '' : p.time(ms));
  const value = (kind: 'channel' | 'type' | 'urgency', id: string | null) => (id === null ? '' : p.value(kind, id));
  const money = (cents: number) => formatMoney(cents, currency);
  const total = (pick: (v: Visit) => number) => visits.reduce((sum, v) => sum + pick(v), 0);
  const out: Section[] = [
    {
      title: w.requester,
      rows: [
        [w.name, t.requester ?? ''],
        [f('department'), t.department ?? ''],
        [f('contact'), contact ?? ''],
        [f('channel'), value('channel', t.channel)],
        [w.reported, time(t.created_at)],
      ],
    },
    {
      title: w.problem,
      rows: [
        [f('title'), t.title],
        [f('description'), t.description ?? ''],
        [w.classification, [value('type', t.type), t.category ?? '', value('urgency', t.urgency)].filter(Boolean).join(' / ')],
        [w.teamAgent, [t.team && p.team(t.team), t.assignee].filter(Boolean).join(' / ')],
      ],
    },
  ];
  visits.forEach((v, i) =>
    out.push({
      title: w.visit(i + 1),
      rows: [
        [w.date, time(v.visited_at)],
        [w.staff, `${v.staff.join(', ')} (${w.personTimes(v.person_times)})`],
        [w.hours, v.hours === null ? '' : String(v.hours)],
        [w.cause, v.cause ?? ''],
        [w.parts, v.parts ?? ''],
        [w.materials, money(v.materials_cents)],
        [w.transport, money(v.transport_cents)],
        [w.opinion, v.opinion ?? ''],
      ],
    }),
  );
  out.push({
    title: w.outcome,
    rows: [
      [f('solution'), t.solution ?? ''],
      [w.stepsTaken, t.steps ?? ''],
      [w.remaining, t.remaining ?? ''],
      [f('resolved_at'), time(t.resolved_at)],
      [w.costs, w.costLine(money(total((v) => v.materials_cents)), money(total((v) => v.transport_cents)), money(total((v) => v.materials_cents + v.transport_cents)))],
      [f('satisfaction'), t.satisfaction === null ? '' : p.words.outOf5(t.satisfaction)],
    ],
  });
  return out;
}

function signatureLine(w: Words['service']): [string, string, string] {
  return [w.engineer, w.signRequester, w.signDate];
}

export function renderServiceReportMarkdown(input: ServiceReportInput): string {
  const cell = (text: string) => printableBlock(text).replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const w = input.present.words.service;
  let out = `# ${w.title} ${printable(input.ticket.number)}\n`;
  for (const section of sections(input)) {
    out += `\n## ${section.title}\n\n| | |\n| --- | --- |\n${section.rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`).join('\n')}\n`;
  }
  const [engineer, requester, date] = signatureLine(w);
  return `${out}\n---\n\n${engineer}: ____________________   ${requester}: ____________________   ${date}: ____________\n`;
}

export function renderServiceReportHtml(input: ServiceReportInput): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  const w = input.present.words.service;
  const [engineer, requester, date] = signatureLine(w).map(escape);
  const body = sections(input)
    .map((s) => `<h2>${escape(s.title)}</h2><table>${s.rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v).replace(/\n/g, '<br>')}</td></tr>`).join('')}</table>`)
    .join('\n');
  return `<!doctype html>
<html lang="${input.present.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(w.title)} ${escape(input.ticket.number)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;max-width:760px;margin:2em auto}table{border-collapse:collapse;width:100%}th{text-align:left;width:30%;font-weight:normal;color:#555}th,td{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top}.sign{margin-top:3em;display:flex;justify-content:space-between}@media print{body{margin:0}}</style>
</head><body>
<h1>${escape(w.title)} ${escape(input.ticket.number)}</h1>
${body}
<div class="sign"><span>${engineer}: ____________</span><span>${requester}: ____________</span><span>${date}: ________</span></div>
</body></html>
`;
}
