// Config files are read in three steps: parse keeping positions, validate against a schema,
// and report every problem at once as file:line:column with a hint.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../domain/errors.js';

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class ConfigError extends UsageError {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'), 'fix the file and run `desk rules check`');
  }
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): { node: Node | null; keyNode: Node | null } {
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const step of path) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const collection = node as { items: unknown[] };
    const next = isMap(node)
      ? node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(step))
      : undefined;
    if (isMap(node)) {
      if (!next) break;
      keyNode = next.key as Node;
      node = next.value;
    } else {
      node = collection.items[Number(step)];
      keyNode = null;
    }
  }
  return { node: (node as Node) ?? null, keyNode };
}

/** A problem found after the schema passed (a cross-file reference, a bad regex), by path. */
export interface SemanticIssue {
  path: readonly PropertyKey[];
  message: string;
  /** Point at the key rather than the value. */
  at?: 'key';
}

export interface LoadOptions<T> {
  /** Keys the file may use, to suggest one for an unknown key. */
  knownKeys?: readonly string[];
  /** Checks that need more than the schema; run only when the schema passed. */
  check?: (data: T) => SemanticIssue[];
}

/** Edit distance, to say "did you mean" for a mistyped key. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function suggest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of new Set(known)) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Loads and validates one YAML file; throws ConfigError listing every problem. */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S, cwd: string, options: LoadOptions<z.infer<S>> = {}): z.infer<S> {
  const file = relative(cwd, path) || path;
  const text = readFileSync(path, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, column: col, message: e.message.split('\n')[0]! };
      }),
    );
  }
  const locate = (issue: SemanticIssue): Problem => {
    const { node, keyNode } = nodeAt(doc, issue.path);
    // Problems with a key itself (unknown, badly named) point at the key, others at the value.
    const offset = (issue.at === 'key' ? keyNode?.range?.[0] : node?.range?.[0] ?? keyNode?.range?.[0]) ?? 0;
    const pos = at(offset);
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { file, line: pos.line, column: pos.col, message: `${where}${issue.message}` };
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigError([{ file, line: 1, column: 1, message: (error as Error).message }]);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.flatMap((issue): SemanticIssue[] => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => {
          const guess = options.knownKeys && suggest(key, options.knownKeys);
          return { path: [...issue.path, key], message: `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`, at: 'key' as const };
        });
      }
      const aboutKey = issue.code === 'custom' && issue.params?.at === 'key';
      return [{ path: issue.path, message: issue.message, ...(aboutKey && { at: 'key' as const }) }];
    });
    throw new ConfigError(issues.map(locate));
  }
  const semantic = options.check?.(result.data) ?? [];
  if (semantic.length) throw new ConfigError(semantic.map(locate));
  return result.data;
}
