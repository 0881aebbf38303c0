// JSON records as they stream: NDJSON (one object a line) or a JSON array of objects, read one
// element at a time so that memory stays flat, each with the line it starts on.
import { UsageError } from '../domain/errors.js';
import { MAX_ROW_CHARS } from './csv-reader.js';

export interface JsonRow {
  line: number;
  /** The parsed element; undefined when `problem` says why it could not be read. */
  value: unknown;
  problem?: string;
  /** The element as written, when it could not be read. */
  text?: string;
}

function parseElement(text: string, line: number): JsonRow {
  try {
    return { line, value: JSON.parse(text) };
  } catch (error) {
    return { line, value: undefined, problem: `not valid JSON (${(error as Error).message})`, text };
  }
}

/** NDJSON: every non-blank line is one record; a line that is not JSON is a bad row, not the end. */
export async function* readNdjsonRows(chunks: AsyncIterable<string>, name: string): AsyncGenerator<JsonRow[]> {
  let carry = '';
  let line = 1;
  for await (const chunk of chunks) {
    const text = carry + chunk;
    const rows: JsonRow[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const record = text.slice(start, end);
      if (record.trim() !== '') rows.push(parseElement(record, line));
      line++;
      start = end + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_ROW_CHARS) throw new UsageError(`${name}:${line}: a line longer than ${MAX_ROW_CHARS / 1024 / 1024} MiB`, 'NDJSON has one record per line; is this a JSON array? use --format json');
    if (rows.length) yield rows;
  }
  if (carry.trim() !== '') yield [parseElement(carry, line)];
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const NEWLINE = 10;
const IN_STRING = /["\\\n]/g;
const IN_CONTAINER = /["{}[\]\n]/g;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === NEWLINE || c === 0xfeff;
}

/**
 * A JSON array of records, split into its elements without parsing the whole: the splitter only
 * tracks strings, nesting and line breaks; each element is then parsed on its own. An element that
 * is not valid JSON is a bad row; a file that is not an array at all stops the import.
 */
export async function* readJsonArrayRows(chunks: AsyncIterable<string>, name: string): AsyncGenerator<JsonRow[]> {
  let phase: 'before' | 'array' | 'after' = 'before';
  // The element being read: none, an object/array/string (container), or a bare number or word.
  let mode: 'none' | 'container' | 'scalar' = 'none';
  let depth = 0;
  let inString = false;
  let pendingEscape = false;
  let element = '';
  let elementLine = 0;
  let line = 1;

  const fail = (at: number, message: string, hint: string) => new UsageError(`${name}:${at}: ${message}`, hint);

  for await (const text of chunks) {
    const rows: JsonRow[] = [];
    let from = mode === 'none' ? -1 : 0;
    const finish = (end: number) => {
      element += text.slice(from, end);
      rows.push(parseElement(element, elementLine));
      element = '';
      mode = 'none';
      from = -1;
    };
    let i = 0;
    if (pendingEscape) {
      // The escape at the end of the last chunk covers this chunk's first character.
      pendingEscape = false;
      if (text.charCodeAt(0) === NEWLINE) line++;
      i = 1;
    }
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (mode === 'none') {
        if (c === NEWLINE) line++;
        else if (isSpace(c)) {
          // between tokens
        } else if (phase === 'before') {
          if (c !== OPEN_BRACKET) throw fail(line, `expected a JSON array ([) of tickets, found "${text[i]}"`, 'for one object per line use --format ndjson');
          phase = 'array';
        } else if (phase === 'after') {
          throw fail(line, `unexpected "${text[i]}" after the end of the array`, 'the file must hold one JSON array');
        } else if (c === CLOSE_BRACKET) {
          phase = 'after';
        } else if (c !== COMMA) {
          elementLine = line;
          from = i;
          if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            mode = 'container';
            depth = 1;
          } else if (c === QUOTE) {
            mode = 'container';
            depth = 0;
            inString = true;
          } else mode = 'scalar';
        }
        i++;
        continue;
      }
      if (mode === 'scalar') {
        // A bare number or word (reported as a bad row): it ends at a comma, bracket or space.
        if (c === COMMA || c === CLOSE_BRACKET || isSpace(c)) finish(i);
        else i++;
        continue;
      }
      const pattern = inString ? IN_STRING : IN_CONTAINER;
      pattern.lastIndex = i;
      const m = pattern.exec(text);
      if (!m) break;
      i = m.index;
      const s = text.charCodeAt(i);
      if (s === NEWLINE) {
        line++;
        i++;
      } else if (inString) {
        if (s === BACKSLASH) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === NEWLINE) line++;
            i += 2;
          } else {
            pendingEscape = true;
            i++;
          }
        } else {
          inString = false;
          i++;
          if (depth === 0) finish(i);
        }
      } else if (s === QUOTE) {
        inString = true;
        i++;
      } else if (s === OPEN_BRACE || s === OPEN_BRACKET) {
        depth++;
        i++;
      } else {
        depth--;
        i++;
        if (depth === 0) finish(i);
      }
    }
    if (mode !== 'none') {
      element += text.slice(from);
      if (element.length > MAX_ROW_CHARS) {
        throw fail(elementLine, `an element runs on for more than ${MAX_ROW_CHARS / 1024 / 1024} MiB`, 'a string or object is probably never closed');
      }
    }
    if (rows.length) yield rows;
  }
  if (mode === 'scalar') {
    yield [parseElement(element, elementLine)];
    mode = 'none';
  }
  if (phase === 'before') throw fail(line, 'empty input: expected a JSON array of tickets', 'an empty import is []');
  if (mode !== 'none' || phase !== 'after') throw fail(mode !== 'none' ? elementLine : line, 'the JSON array is never closed (])', 'is the file cut short?');
}
