// What an operator types into `desk search`, as terms the index understands. Pure.
//
// The index is SQLite FTS5 with the trigram tokenizer: every run of three characters is a token,
// so any substring of three or more characters is found, Chinese needing no word breaks. Shorter
// terms are answered differently (src/store/sqlite-search.ts): two characters by the index's own
// terms that start with them, one character by a scan.
import { UsageError } from '../domain/errors.js';

export interface SearchTerm {
  /** Lower-cased, as the index folds case. */
  text: string;
  /** Length in characters (code points), which decides how the term is looked up. */
  length: number;
}

/** At most this many terms are taken from one query: more only slows it down. */
export const MAX_TERMS = 16;

/**
 * Terms of a query: words separated by spaces, or "quoted phrases" taken whole; every term must
 * occur (in any of title, description, solution and notes) for a ticket to match.
 */
export function parseSearchText(text: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    const raw = (match[1] ?? match[2] ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (!raw) continue;
    terms.set(raw, { text: raw, length: [...raw].length });
  }
  // A term inside another adds nothing: "打印" is already required by "打印机".
  const all = [...terms.values()];
  const kept = all.filter((t) => !all.some((other) => other !== t && other.text.includes(t.text)));
  if (!kept.length) throw new UsageError('the search query is empty', 'e.g. desk search 打印机 or desk search "vpn certificate"');
  return kept.slice(0, MAX_TERMS);
}

/** A term as an FTS5 string literal (a phrase of its trigrams). */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The trigrams of a text as the index makes them: lower case, every three consecutive characters. */
export function trigrams(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const out: string[] = [];
  for (let i = 0; i + 2 < chars.length; i++) out.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the terms occur in `text` (UTF-16 offsets, merged and in order), ignoring case. */
export function findTerms(text: string, terms: readonly SearchTerm[]): [number, number][] {
  if (!text || !terms.length) return [];
  const pattern = new RegExp(terms.map((t) => escapeRegExp(t.text)).sort((a, b) => b.length - a.length).join('|'), 'giu');
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index!;
    const end = start + match[0].length;
    const last = ranges.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

/** The text with every occurrence of the terms wrapped by `mark` (colour in a terminal). */
export function highlightTerms(text: string, terms: readonly SearchTerm[], mark: (text: string) => string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of findTerms(text, terms)) {
    out += text.slice(at, start) + mark(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

/**
 * A window of `text` around the first occurrence of a term, "…" marking what was left out, about
 * `context` characters before it: what the match looks like in a long description or note.
 */
export function snippetAround(text: string, terms: readonly SearchTerm[], context = 12): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const first = findTerms(oneLine, terms)[0];
  if (!first) return oneLine;
  const before = [...oneLine.slice(0, first[0])];
  if (before.length <= context) return oneLine;
  return `…${before.slice(-context).join('')}${oneLine.slice(first[0])}`;
}

/** The names of the fields in which some term occurs, in the order given. */
export function fieldsMatching(fields: Record<string, string | null | undefined>, terms: readonly SearchTerm[]): string[] {
  return Object.entries(fields)
    .filter(([, text]) => text && findTerms(text, terms).length)
    .map(([name]) => name);
}
