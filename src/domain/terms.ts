// The words of the desk's vocabulary as people say them: each value's label in English and
// Simplified Chinese, and the other words an operator or an exported spreadsheet uses for it.
// Every place that takes a value (flags, prompts, import cells, rules files) accepts any of them.
import { UsageError } from './errors.js';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export const TERM_KINDS = ['channel', 'type', 'impact', 'urgency', 'status'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** A label given in desk.yaml: one for every language, or one per language. */
export type GivenLabel = string | Partial<Record<Lang, string>>;

export interface TermLabel {
  en: string;
  zh: string;
}

/** Labels of the values of one kind, by value; a value without one is shown as it is. */
export type TermLabels = Readonly<Record<TermKind, Readonly<Record<string, TermLabel>>>>;

// English labels are the values themselves: the words operators type in flags and scripts.
const term = (zh: string) => ({ zh });

const BUILT_IN: Record<TermKind, Record<string, { zh: string }>> = {
  channel: { phone: term('电话'), email: term('邮件'), web: term('网页'), onsite: term('现场') },
  type: { consultation: term('咨询'), fault: term('故障'), request: term('需求'), complaint: term('投诉'), suggestion: term('建议') },
  impact: { single: term('个人'), department: term('部门'), company: term('全公司') },
  urgency: { normal: term('一般'), urgent: term('紧急'), critical: term('特急') },
  status: {
    new: term('新建'),
    dispatched: term('已派单'),
    in_progress: term('处理中'),
    pending: term('挂起'),
    resolved: term('已解决'),
    closed: term('已关闭'),
    reopened: term('重新打开'),
    merged: term('已合并'),
  },
};

/** Other words for built-in values, as Chinese desks and their spreadsheets write them. */
const SYNONYMS: Record<TermKind, Record<string, string>> = {
  channel: { 热线: 'phone', 来电: 'phone', 电子邮件: 'email', 邮箱: 'email', 网站: 'web', 在线: 'web', 来访: 'onsite', 上门: 'onsite' },
  type: { 报修: 'fault', 请求: 'request', 服务请求: 'request', 申请: 'request' },
  impact: { 单人: 'single', 公司: 'company' },
  urgency: { 普通: 'normal', 正常: 'normal', 加急: 'urgent', 非常紧急: 'critical', 重大: 'critical' },
  status: {
    待派单: 'new', 待分派: 'new', 已分派: 'dispatched', 暂停: 'pending', 待反馈: 'pending', 关闭: 'closed',
    已办结: 'closed', 办结: 'closed', 已重开: 'reopened', 已并案: 'merged', 并案: 'merged',
  },
};

function builtInLabel(kind: TermKind, value: string): TermLabel | undefined {
  const known = BUILT_IN[kind][value];
  return known && { en: value, zh: known.zh };
}

/**
 * The labels of a desk: the built-in ones, with desk.yaml's on top (`channels: { letter: 来信 }`
 * adds a value, `{ phone: 座机 }` relabels one). `values` are the desk's values of each kind.
 */
export function termLabels(values: Readonly<Record<TermKind, readonly string[]>>, given: Partial<Record<TermKind, Readonly<Record<string, GivenLabel | null>>>> = {}): TermLabels {
  const out = {} as Record<TermKind, Record<string, TermLabel>>;
  for (const kind of TERM_KINDS) {
    out[kind] = {};
    for (const value of values[kind]) {
      const builtIn = builtInLabel(kind, value);
      const label = given[kind]?.[value];
      const fallback = builtIn ?? { en: value, zh: value };
      out[kind][value] = label === undefined || label === null ? fallback : typeof label === 'string' ? { en: label, zh: label } : { en: label.en ?? fallback.en, zh: label.zh ?? fallback.zh };
    }
  }
  return out;
}

/** The label of `value` in `lang`; a value the desk does not know is shown as it is. */
export function termLabel(labels: TermLabels, kind: TermKind, value: string, lang: Lang): string {
  return labels[kind][value]?.[lang] ?? value;
}

const fold = (text: string) => text.trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** The value `text` names, by its id, any of its labels, or a synonym; null when it names none. */
export function findTerm(labels: TermLabels, kind: TermKind, text: string): string | null {
  const wanted = fold(text);
  if (!wanted) return null;
  const values = Object.keys(labels[kind]);
  const byId = values.find((value) => fold(value) === wanted);
  if (byId) return byId;
  const byLabel = values.find((value) => fold(labels[kind][value]!.en) === wanted || fold(labels[kind][value]!.zh) === wanted);
  if (byLabel) return byLabel;
  const synonym = Object.entries(SYNONYMS[kind]).find(([word]) => fold(word) === wanted)?.[1];
  return synonym !== undefined && values.includes(synonym) ? synonym : null;
}

/** "phone (电话), email (邮件)": the accepted values of a kind, for a hint. */
export function acceptedTerms(labels: TermLabels, kind: TermKind): string {
  return Object.entries(labels[kind])
    .map(([value, label]) => (label.zh !== value ? `${value} (${label.zh})` : value))
    .join(', ');
}

/** The value `text` names, else a usage error naming `place` and the accepted values. */
export function checkTerm(labels: TermLabels, kind: TermKind, text: string, place: string): string {
  const value = findTerm(labels, kind, text);
  if (value !== null) return value;
  throw new UsageError(`${place}: unknown value "${text}"`, `accepted: ${acceptedTerms(labels, kind)}`);
}
