// The bytes of an import as text: a file or stdin, UTF-8 (with or without BOM) checked as it
// streams, or another encoding (GB18030/GBK from Chinese Excel) decoded by iconv-lite.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { UsageError } from '../domain/errors.js';

// Small enough that a chunk's rows are written before the next arrives, and die young.
export const CHUNK_BYTES = 256 * 1024;

export interface TextSource {
  /** How the source is named in messages: the path as given, or "stdin". */
  name: string;
  /** Size in bytes when known (a file), for the progress bar's ETA. */
  size: number | null;
  /** Bytes read so far. */
  bytesRead(): number;
  /** The text, in chunks that never split a character; the BOM is removed. */
  chunks(): AsyncIterable<string>;
  /** The same text again, for a second pass (stdin only when opened with `keep`). */
  again(): TextSource;
}

function normaliseEncoding(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
}

const UTF8 = new Set(['utf8', 'utf8bom']);

/** Checks an --encoding name up front, before any byte is read. */
export async function checkEncoding(name: string): Promise<string> {
  const key = normaliseEncoding(name);
  if (UTF8.has(key)) return 'utf8';
  const iconv = (await import('iconv-lite')).default;
  if (!iconv.encodingExists(key)) throw new UsageError(`--encoding: unknown encoding "${name}"`, 'e.g. utf-8 (the default), gb18030, gbk, big5, utf-16le');
  return key;
}

/** The line (1-based) of the first byte that is not UTF-8, counting lines in `bytes` from `line`. */
function lineOfBadByte(bytes: Buffer, line: number): { line: number; byte: number } {
  // The longest prefix that is UTF-8 (perhaps ending inside a character), found by halving: a
  // handful of decodes even for a 1 MiB chunk.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  let lines = line;
  for (let i = 0; i < low; i++) if (bytes[i] === 0x0a) lines++;
  return { line: lines, byte: bytes[Math.min(low, bytes.length - 1)] ?? 0 };
}

/** Where the last complete UTF-8 character of `bytes` ends. */
function utf8Boundary(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const width = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return width > back ? end - back : end;
  }
  return end;
}

interface Origin {
  /** The path, or null for stdin. */
  path: string | null;
  /** A file descriptor to read from position 0 instead of the path (stdin kept for a second pass). */
  fd?: number;
  /** Bytes to read (the size of the file when it was first opened). */
  size: number | null;
  mtimeMs?: number;
}

/**
 * The text of a file or of stdin. With `keep`, what stdin gives is also kept in an unlinked
 * temporary file, so that `again()` can read it a second time.
 */
export function openTextSource(path: string, encoding: string, stdin: NodeJS.ReadableStream, keep = false, cwd = process.cwd()): TextSource {
  const name = path === '-' ? 'stdin' : path;
  if (path === '-') return textSource(name, encoding, { path: null, size: null }, stdin, keep);
  const file = resolve(cwd, path);
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${path} is a directory`, 'give a CSV, JSON or NDJSON file, or - for stdin');
    return textSource(name, encoding, { path: file, size: stat.size, mtimeMs: stat.mtimeMs }, stdin, false);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, 'give a readable file, or - for stdin');
  }
}

function keptStdin(): number {
  const dir = mkdtempSync(join(tmpdir(), 'desk-import-'));
  const fd = openSync(join(dir, 'stdin'), 'wx+', 0o600);
  rmSync(dir, { recursive: true, force: true });
  return fd;
}

function textSource(name: string, encoding: string, origin: Origin, stdin: NodeJS.ReadableStream, keep: boolean): TextSource {
  let read = 0;
  let kept: number | null = keep ? keptStdin() : null;
  const bytes = async function* (): AsyncIterable<Buffer> {
    const stream =
      origin.fd !== undefined
        ? createReadStream('', { fd: origin.fd, start: 0, autoClose: false, highWaterMark: CHUNK_BYTES })
        : origin.path === null
          ? stdin
          : createReadStream(origin.path, { highWaterMark: CHUNK_BYTES, ...(origin.size ? { end: origin.size - 1 } : {}) });
    try {
      for await (const chunk of stream) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        read += buffer.length;
        if (kept !== null) for (let written = 0; written < buffer.length; ) written += writeSync(kept, buffer, written, buffer.length - written);
        yield buffer;
      }
    } finally {
      if (origin.fd !== undefined) closeSync(origin.fd);
    }
  };
  return {
    name,
    size: origin.size,
    bytesRead: () => read,
    chunks: () => (encoding === 'utf8' ? decodeUtf8(bytes(), name) : decodeOther(bytes(), encoding)),
    again() {
      if (kept !== null) {
        const fd = kept;
        kept = null;
        return textSource(name, encoding, { path: null, fd, size: read }, stdin, false);
      }
      if (origin.path !== null) {
        const stat = statSync(origin.path, { throwIfNoEntry: false });
        if (!stat || stat.size !== origin.size || stat.mtimeMs !== origin.mtimeMs) {
          throw new UsageError(`${name} changed while it was being checked: nothing was imported`, 'import it again once it is complete');
        }
      }
      return textSource(name, encoding, origin, stdin, false);
    },
  };
}

async function* decodeUtf8(input: AsyncIterable<Buffer>, name: string): AsyncIterable<string> {
  let carry: Buffer | null = null;
  let first = true;
  let line = 1;
  for await (const chunk of input) {
    let bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      if (bytes.length < 3 && bytes.length > 0) {
        carry = bytes;
        continue;
      }
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
    }
    const end = utf8Boundary(bytes);
    const whole = bytes.subarray(0, end);
    carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : null;
    if (!isUtf8(whole)) throw notUtf8(whole, line, name);
    for (let i = whole.indexOf(0x0a); i !== -1; i = whole.indexOf(0x0a, i + 1)) line++;
    yield whole.toString('utf8');
  }
  if (carry) {
    if (first && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf) carry = carry.subarray(3);
    if (!isUtf8(carry)) throw notUtf8(carry, line, name);
    yield carry.toString('utf8');
  }
}

function notUtf8(bytes: Buffer, line: number, name: string): UsageError {
  const at = lineOfBadByte(bytes, line);
  return new UsageError(
    `${name}:${at.line}: not valid UTF-8 (byte 0x${at.byte.toString(16).toUpperCase().padStart(2, '0')})`,
    'a file saved by Chinese Excel is usually GB18030: add --encoding gb18030',
  );
}

async function* decodeOther(input: AsyncIterable<Buffer>, encoding: string): AsyncIterable<string> {
  const iconv = (await import('iconv-lite')).default;
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of input) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
