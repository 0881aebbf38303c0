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

/** Loads and validates one YAML file; throws ConfigError listing every problem. */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S, cwd: string): z.infer<S> {
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
  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      let path = issue.path;
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        path = [...issue.path, issue.keys[0]!];
        message = `unknown key "${issue.keys.join('", "')}"`;
      }
      const { node, keyNode } = nodeAt(doc, path);
      // Problems with a key itself (unknown, badly named) point at the key, others at the value.
      const aboutKey = issue.code === 'unrecognized_keys' || (issue.code === 'custom' && issue.params?.at === 'key');
      const offset = (aboutKey ? keyNode?.range?.[0] : node?.range?.[0] ?? keyNode?.range?.[0]) ?? 0;
      const pos = at(offset);
      const where = path.length ? `${path.join('.')}: ` : '';
      return { file, line: pos.line, column: pos.col, message: `${where}${message}` };
    }),
  );
}
