// The columns of import and export (DESIGN.md "Tickets": the same names as --json), the header
// names other systems use for them, and `--map col=field`.
import { escapeControls, UsageError } from '../domain/errors.js';

/** Every column of an export, in the order of the ticket JSON object; import reads the same names. */
export const TICKET_COLUMNS = [
  'id', 'number', 'external_id', 'created_at', 'channel', 'requester', 'department', 'contact', 'title',
  'description', 'occurred_at', 'impact', 'type', 'category', 'urgency', 'status', 'team', 'collaborators',
  'assignee', 'classified_by', 'dispatched_by', 'first_response_at', 'dispatched_at', 'resolved_at',
  'closed_at', 'response_due_at', 'dispatch_due_at', 'resolve_due_at', 'response_met', 'dispatch_met', 'resolve_met',
  'escalated', 'escalation_reason', 'escalation_tier', 'solution', 'steps', 'remaining', 'satisfaction', 'callback_at', 'callback_note',
  'callback_attempts', 'callback_outcome', 'reopen_count', 'last_update_at', 'update_due_at', 'eta_at', 'paused_at', 'reopened_at', 'extension_until', 'original_resolve_due_at',
  'supervisions', 'supervision_due_at', 'urge_count', 'complaint_against', 'complaint_verified', 'complaint_cause',
  'complaint_action', 'complaint_penalty', 'complaint_verified_at', 'complaint_feedback', 'complaint_feedback_at', 'assists', 'version', 'updated_at', 'updated_by',
] as const;
/** An export's columns: the ticket's, then its links (from the links table, not a field of the ticket). */
export const EXPORT_COLUMNS = [...TICKET_COLUMNS, 'links'] as const;
export type TicketColumn = (typeof EXPORT_COLUMNS)[number];

/** The reason column a rejects file adds; importing the fixed file ignores it. */
export const REASON_COLUMN = 'reason';

/**
 * Header names of Chinese service-desk and hotline systems (and a few English synonyms).
 * A header is matched case-insensitively, with spaces and hyphens read as underscores.
 */
const HEADER_ALIASES: Record<string, TicketColumn> = {
  工单编号: 'external_id', 工单号: 'external_id', 外部编号: 'external_id', 外部单号: 'external_id', 来源单号: 'external_id',
  本系统编号: 'number', 受理编号: 'number',
  创建时间: 'created_at', 受理时间: 'created_at', 登记时间: 'created_at', 来电时间: 'created_at',
  渠道: 'channel', 来源渠道: 'channel', 受理渠道: 'channel', 来源: 'channel',
  姓名: 'requester', 报告人: 'requester', 申请人: 'requester', 报修人: 'requester', 来电人: 'requester', 诉求人: 'requester',
  部门: 'department', 所属部门: 'department', 单位: 'department',
  联系方式: 'contact', 联系电话: 'contact', 电话: 'contact', 手机: 'contact', 邮箱: 'contact',
  标题: 'title', 主题: 'title', 事项: 'title',
  问题描述: 'description', 描述: 'description', 详细描述: 'description', 诉求内容: 'description',
  发生时间: 'occurred_at',
  影响范围: 'impact',
  类型: 'type', 工单类型: 'type', 诉求类型: 'type',
  分类: 'category', 类别: 'category', 业务分类: 'category',
  紧急程度: 'urgency', 优先级: 'urgency',
  状态: 'status', 工单状态: 'status',
  处理组: 'team', 处理部门: 'team', 承办部门: 'team', 处理团队: 'team',
  协办组: 'collaborators', 协办部门: 'collaborators',
  处理人: 'assignee', 承办人: 'assignee', 负责人: 'assignee',
  首次响应时间: 'first_response_at', 响应时间: 'first_response_at',
  派单时间: 'dispatched_at', 分派时间: 'dispatched_at',
  解决时间: 'resolved_at', 办结时间: 'resolved_at',
  关闭时间: 'closed_at', 结单时间: 'closed_at',
  是否升级: 'escalated', 升级: 'escalated', 升级原因: 'escalation_reason',
  解决方案: 'solution', 处理结果: 'solution', 办理结果: 'solution',
  处理过程: 'steps', 处理步骤: 'steps',
  遗留问题: 'remaining',
  满意度: 'satisfaction', 满意度评分: 'satisfaction',
  回访时间: 'callback_at', 回访次数: 'callback_attempts', 回访结果: 'callback_outcome', 回访记录: 'callback_note', 回访意见: 'callback_note',
  重开次数: 'reopen_count', 重开时间: 'reopened_at', 挂起时间: 'paused_at',
  最近进展时间: 'last_update_at', 预计解决时间: 'eta_at', 承诺解决时间: 'eta_at',
  催办次数: 'urge_count', 被投诉对象: 'complaint_against', 核查结论: 'complaint_verified', 投诉原因: 'complaint_cause', 整改措施: 'complaint_action',
  核查时间: 'complaint_verified_at', 反馈时间: 'complaint_feedback_at', 协办: 'assists', 关联工单: 'links',
  subject: 'title', priority: 'urgency',
};

const COLUMN_SET = new Set<string>(EXPORT_COLUMNS);

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The field a header names, or null. */
export function fieldOfHeader(name: string): TicketColumn | null {
  const key = normaliseHeader(name);
  if (COLUMN_SET.has(key)) return key as TicketColumn;
  return HEADER_ALIASES[key] ?? HEADER_ALIASES[name.trim()] ?? null;
}

/** `--map` as given: source column → field, or null to leave the column out. */
export type ColumnMap = ReadonlyMap<string, TicketColumn | null>;

/** Reads `--map 备注=description,附件=` (repeatable); an empty field leaves the column out. */
export function parseColumnMap(specs: readonly string[]): ColumnMap {
  const map = new Map<string, TicketColumn | null>();
  for (const spec of specs) {
    for (const pair of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.lastIndexOf('=');
      if (at <= 0) throw new UsageError(`--map: "${pair}" is not COLUMN=FIELD`, 'e.g. --map 备注=description,附件= (an empty field leaves the column out)');
      const column = pair.slice(0, at).trim();
      const target = pair.slice(at + 1).trim();
      if (target === '') {
        map.set(column, null);
        continue;
      }
      const field = normaliseHeader(target);
      if (!COLUMN_SET.has(field)) throw new UsageError(`--map: unknown field "${target}" for column "${column}"`, `fields: ${EXPORT_COLUMNS.join(', ')}`);
      map.set(column, field as TicketColumn);
    }
  }
  return map;
}

export interface ColumnPlan {
  /** For each source column, the field it fills, or null when it is left out. */
  fields: (TicketColumn | null)[];
  /** Columns that name no field (reported once, never silently dropped). */
  unknown: string[];
}

/**
 * Matches a header row to fields: `--map` first, then the field names and their aliases. Two
 * columns filling one field is an error: which one is meant is the operator's call.
 */
export function planColumns(header: readonly string[], map: ColumnMap, place: string): ColumnPlan {
  // A quoted header cell may hold a line break: messages name it on one line.
  const columns = () => header.map((h) => escapeControls(h.trim())).join(', ');
  const fields: (TicketColumn | null)[] = [];
  const unknown: string[] = [];
  const filledBy = new Map<TicketColumn, string>();
  for (const raw of header) {
    const name = raw.trim();
    const field = map.has(name) ? map.get(name)! : fieldOfHeader(name);
    if (field === null) {
      if (!map.has(name) && name !== '' && normaliseHeader(name) !== REASON_COLUMN) unknown.push(name);
      fields.push(null);
      continue;
    }
    const other = filledBy.get(field);
    if (other !== undefined) {
      const [first, second] = [escapeControls(other), escapeControls(name)];
      throw new UsageError(`${place}: columns "${first}" and "${second}" both fill ${field}`, `leave one out with --map "${second}=" (or map it to another field)`);
    }
    filledBy.set(field, name);
    fields.push(field);
  }
  for (const [column] of map) {
    if (!header.some((h) => h.trim() === column)) throw new UsageError(`--map: no column "${escapeControls(column)}" in ${place}`, `columns: ${columns()}`);
  }
  if (!filledBy.has('title')) {
    throw new UsageError(`${place}: no title column (columns: ${columns() || 'none'})`, 'every ticket needs a title; name the column with --map COLUMN=title');
  }
  return { fields, unknown };
}
