import { escalationsOf } from '../../domain/escalations.js';
import { maskContact } from '../../domain/privacy.js';
import { formatIso } from '../../domain/time.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { formatMoney } from '../../domain/visit.js';
import type { Context } from '../context.js';
import { recordReveal } from '../reveal.js';
import { readTicketRef } from '../ticket-refs.js';
import { renderServiceReportHtml, renderServiceReportMarkdown } from '../render/service-report.js';
import { loadStyle } from '../render/style.js';
import { printJson, toTicketJson } from '../render/ticket-json.js';
import { renderTicket } from '../render/ticket-view.js';
import { renderLinks, toLinksJson } from '../render/links.js';
import type { CommandInput } from '../declaration.js';

export interface ShowOptions {
  format?: string;
  reveal?: boolean;
}

export async function run({ args, options }: CommandInput<ShowOptions>, ctx: Context) {
  const { timezone: zone, currency } = await ctx.settings();
  const format = options.format === undefined ? 'text' : checkEnum(options.format, ['text', 'md', 'html'], '--format');
  const ref = await readTicketRef(ctx, args[0]!);
  const store = await ctx.openStore({ create: false });
  const ticket = await store.getTicket(ref);
  const visits = await store.listVisits(ticket.id);
  const escalations = escalationsOf(ticket, await store.listEvents(ticket.id));
  const links = await store.listLinks(ticket.id);
  const reveal = Boolean(options.reveal);
  if (reveal) await recordReveal(ctx, store, 'show', [ticket.id]);
  const contact = reveal ? ticket.contact : maskContact(ticket.contact);
  if (format === 'md' || format === 'html') {
    const input = { ticket, visits, present: await ctx.presenter({ reveal }), currency, contact };
    ctx.io.stdout.write(format === 'md' ? renderServiceReportMarkdown(input) : renderServiceReportHtml(input));
    return;
  }
  if (ctx.json) {
    const shown = visits.map(({ ticket_id: _, visited_at, recorded_at, materials_cents, transport_cents, ...v }) => ({
      ...v,
      visited_at: formatIso(visited_at, zone),
      recorded_at: formatIso(recorded_at, zone),
      materials_cost: materials_cents / 100,
      transport_cost: transport_cents / 100,
    }));
    const escalated = escalations.map((e) => ({ at: e.at === null ? null : formatIso(e.at, zone), actor: e.actor, reason: e.reason, tier: e.tier?.tier ?? null, to: e.tier?.to ?? null }));
    printJson((t) => ctx.io.stdout.write(t), { ...toTicketJson(ticket, { zone, reveal }), escalations: escalated, visits: shown, links: toLinksJson(links, zone) });
    return;
  }
  const present = await ctx.presenter({ reveal });
  let text = renderTicket(ticket, { present, reveal, now: ctx.now(), style: await loadStyle(ctx.color), escalations });
  for (const v of visits) {
    const costs = v.materials_cents + v.transport_cents ? `, ${formatMoney(v.materials_cents + v.transport_cents, currency)}` : '';
    text += `\n${present.words.visit} ${present.time(v.visited_at)}: ${v.staff.join(', ')}${v.hours === null ? '' : `, ${v.hours} h`}${costs}${v.cause ? ` — ${v.cause}` : ''}`;
  }
  ctx.io.stdout.write(`${visits.length ? `${text}\n` : text}${renderLinks(links, present)}`);
}
