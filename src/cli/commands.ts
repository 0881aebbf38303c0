// Every command of the desk, in the order `desk --help` lists them. Only declarations are imported
// here; a command's code loads when it runs.
import type { AnyCommandDeclaration, GroupDeclaration } from './declaration.js';
import { declaration as init } from './commands/init.declaration.js';
import { declaration as create } from './commands/create.declaration.js';
import { declaration as show } from './commands/show.declaration.js';
import { declaration as list } from './commands/list.declaration.js';
import { declaration as history } from './commands/history.declaration.js';
import { declaration as classify } from './commands/classify.declaration.js';
import { declaration as dispatch } from './commands/dispatch.declaration.js';
import { declaration as assign } from './commands/assign.declaration.js';
import { declaration as assist } from './commands/assist.declaration.js';
import { declaration as respond } from './commands/respond.declaration.js';
import { declaration as note } from './commands/note.declaration.js';
import { declaration as pending } from './commands/pending.declaration.js';
import { declaration as resume } from './commands/resume.declaration.js';
import { declaration as escalate } from './commands/escalate.declaration.js';
import { declaration as resolve } from './commands/resolve.declaration.js';
import { declaration as close } from './commands/close.declaration.js';
import { declaration as callback } from './commands/callback.declaration.js';
import { declaration as reopen } from './commands/reopen.declaration.js';
import { declaration as returnTicket } from './commands/return.declaration.js';
import { declaration as extend } from './commands/extend.declaration.js';
import { declaration as link } from './commands/link.declaration.js';
import { declaration as merge } from './commands/merge.declaration.js';
import { declaration as importTickets } from './commands/import.declaration.js';
import { declaration as exportTickets } from './commands/export.declaration.js';
import { declaration as rulesCheck } from './commands/rules-check.declaration.js';
import { declaration as rulesTest } from './commands/rules-test.declaration.js';
import { declaration as search } from './commands/search.declaration.js';
import { declaration as caller } from './commands/caller.declaration.js';
import { declaration as similar } from './commands/similar.declaration.js';
import { declaration as handover } from './commands/handover.declaration.js';
import { declaration as queue } from './commands/queue.declaration.js';
import { declaration as completion } from './commands/completion.declaration.js';
import { declaration as reportMonthly } from './commands/report.declaration.js';
import { daily as reportDaily, period as reportPeriod, quarterly as reportQuarterly, weekly as reportWeekly, yearly as reportYearly } from './commands/report-periods.declaration.js';
import { declaration as reportAppraisal } from './commands/report-appraisal.declaration.js';
import { declaration as slaDue } from './commands/sla-due.declaration.js';
import { declaration as slaCheck } from './commands/sla-check.declaration.js';
import { declaration as slaExplain } from './commands/sla-explain.declaration.js';
import { declaration as visit } from './commands/visit.declaration.js';
import { declaration as update } from './commands/update.declaration.js';
import { declaration as callbacks } from './commands/callbacks.declaration.js';
import { declaration as redact } from './commands/redact.declaration.js';
import { declaration as doctor } from './commands/doctor.declaration.js';
import { declaration as backup } from './commands/backup.declaration.js';
import { declaration as migrate } from './commands/migrate.declaration.js';
import { declaration as demo } from './commands/demo.declaration.js';
import { declaration as rolesAdd } from './commands/roles-add.declaration.js';
import { declaration as supervise } from './commands/supervise.declaration.js';
import { declaration as urge } from './commands/urge.declaration.js';
import { declaration as complaint } from './commands/complaint.declaration.js';
import { declaration as qaSample } from './commands/qa-sample.declaration.js';
import { declaration as qaScore } from './commands/qa-score.declaration.js';
import { declaration as qaAppeal } from './commands/qa-appeal.declaration.js';
import { declaration as qaDecide } from './commands/qa-decide.declaration.js';
import { declaration as qaList } from './commands/qa-list.declaration.js';

const rules: GroupDeclaration = {
  name: 'rules',
  description: 'Check the config files (desk, teams, routing, sla, quality) and try the routing rules',
  examples: ['desk rules check', 'desk rules test --title "打印机卡纸" --explain'],
  commands: [rulesCheck, rulesTest],
};

const report: GroupDeclaration = {
  name: 'report',
  description: 'Statistics reports',
  examples: ['desk report monthly --month 2026-10 --format html --out 2026-10.html', 'desk report weekly --week 2026-W48', 'desk report period --from 2026-11-01 --to 2026-11-15'],
  commands: [reportDaily, reportWeekly, reportMonthly, reportQuarterly, reportYearly, reportPeriod, reportAppraisal],
};

const sla: GroupDeclaration = {
  name: 'sla',
  description: 'Deadlines in business time: when is it due, what is breached, and why',
  examples: ['desk sla check --within 1h', 'desk sla due --minutes 240', 'desk sla explain SD-202611-00042'],
  commands: [slaDue, slaCheck, slaExplain],
};

const qa: GroupDeclaration = {
  name: 'qa',
  description: 'Quality inspection of service records (服务质量抽查): daily samples, item scores, appeals',
  examples: ['desk qa sample --date 2026-11-30', 'desk qa score SD-202611-00042 --items greeting=pass,closing=fail,…', 'desk qa list --pending'],
  commands: [qaSample, qaScore, qaAppeal, qaDecide, qaList],
};
const roles: GroupDeclaration = {
  name: 'roles',
  description: 'The logins of a PostgreSQL desk and their groups: operator, supervisor, auditor',
  examples: ['desk roles add wang.fang --as operator'],
  commands: [rolesAdd],
};

export const COMMANDS: readonly (AnyCommandDeclaration | GroupDeclaration)[] = [
  init, create, show, list, history, classify, dispatch, assign, assist, respond, note, pending, resume, escalate, resolve, close, callback, reopen, returnTicket, extend, link, merge,
  supervise, urge, complaint, qa,
  importTickets, exportTickets, rules, search, caller, similar, handover, queue, completion, report, sla, visit, update, callbacks, redact, roles, doctor, backup, migrate, demo,
];
