// `--rejects FILE`: the bad rows as they were, with a reason column added, in the source's format
// and encoding, so that the file can be fixed and imported again (the import ignores `reason`).
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { UsageError } from '../domain/errors.js';
import { REASON_COLUMN } from './fields.js';

export class RejectsFile {
  private readonly fd: number;
  private headerWritten = false;
  private encode: ((text: string) => Buffer) | null = null;
  count = 0;

  private constructor(
    readonly path: string,
    private readonly format: 'csv' | 'json' | 'ndjson',
    private readonly encoding: string,
    cwd: string,
  ) {
    try {
      // Rejected rows carry contacts: the same care as the database.
      this.fd = openSync(resolve(cwd, path), 'w', 0o600);
    } catch (error) {
      throw new UsageError(`--rejects: cannot write ${path} (${(error as NodeJS.ErrnoException).code})`, 'give a file in a writable directory');
    }
  }

  /** Opens `path` (relative to `cwd`) for the rows an import rejects; `path` is how it is named in messages. */
  static async open(path: string, format: 'csv' | 'json' | 'ndjson', encoding: string, cwd: string): Promise<RejectsFile> {
    const file = new RejectsFile(path, format, encoding, cwd);
    if (encoding !== 'utf8') {
      const iconv = (await import('iconv-lite')).default;
      file.encode = (text) => iconv.encode(text, encoding);
    }
    return file;
  }

  private write(text: string): void {
    const bytes = this.encode ? this.encode(text) : Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(this.fd, bytes, written, bytes.length - written);
  }

  /** The CSV header, once, with the reason column added. */
  header(columns: readonly string[]): void {
    if (this.format !== 'csv' || this.headerWritten) return;
    this.headerWritten = true;
    this.write(`${Papa.unparse([[...columns, REASON_COLUMN]], { newline: '\r\n' })}\r\n`);
  }

  csvRow(values: readonly string[], reason: string): void {
    this.count++;
    this.write(`${Papa.unparse([[...values, reason]], { newline: '\r\n' })}\r\n`);
  }

  /** A JSON record (or whatever the element was) as one NDJSON line, with its reason. */
  jsonRow(value: unknown, text: string | undefined, reason: string): void {
    this.count++;
    const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object), [REASON_COLUMN]: reason } : { [REASON_COLUMN]: reason, source: text ?? value };
    this.write(`${JSON.stringify(record)}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}
