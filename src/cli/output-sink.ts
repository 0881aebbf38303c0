// Where a command's output goes, as bytes: stdout, or a file written whole or not at all. Text is
// encoded as --encoding asked (GB18030 for Chinese Excel), with a UTF-8 byte order mark on --bom.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import type { Context } from './context.js';

export interface Sink {
  /** Encodes `text` and writes it, waiting when stdout's reader is slower. */
  write(text: string): Promise<void>;
  /** A file replaces its target now; stdout has nothing left to do. */
  commit(): void;
  /** A file's temporary copy is removed and the target left as it was. */
  abandon(): void;
}

export interface SinkOptions {
  /** As checkEncoding (src/importer/source.ts) names it: `utf8` or an iconv-lite encoding. */
  encoding: string;
  bom: boolean;
  /** The new file's permissions (before the umask). */
  mode: number;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function encoderFor(encoding: string): Promise<(text: string) => Buffer> {
  if (encoding === 'utf8') return (text) => Buffer.from(text, 'utf8');
  // Loaded only when asked for: UTF-8 output never pays for iconv-lite's tables.
  const iconv = (await import('iconv-lite')).default;
  return (text) => iconv.encode(text, encoding);
}

function cannotWrite(out: string, error: unknown): UsageError {
  return new UsageError(`--out: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'give a file in a writable directory');
}

/** Opens stdout (`out` undefined) or the file `out`, relative to the working directory. */
export async function openSink(ctx: Pick<Context, 'io' | 'cwd'>, out: string | undefined, { encoding, bom, mode }: SinkOptions): Promise<Sink> {
  const encode = await encoderFor(encoding);
  // A BOM names UTF-8 only: a GB18030 file has none, as Excel writes it.
  let first = bom && encoding === 'utf8';
  const bytesOf = (text: string) => {
    if (!first) return encode(text);
    first = false;
    return Buffer.concat([UTF8_BOM, encode(text)]);
  };
  if (out === undefined) {
    const stdout = ctx.io.stdout as NodeJS.WritableStream & { write(chunk: Buffer): boolean };
    return {
      async write(text) {
        if (!stdout.write(bytesOf(text)) && typeof stdout.once === 'function') await new Promise((done) => stdout.once('drain', done));
      },
      commit() {},
      abandon() {},
    };
  }
  const target = resolve(ctx.cwd, out);
  // Written beside the target and renamed over it at the end: a reader never sees half a file.
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', mode);
  } catch (error) {
    throw cannotWrite(out, error);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    async write(text) {
      const bytes = bytesOf(text);
      try {
        for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        throw cannotWrite(out, error);
      }
    },
    commit() {
      try {
        fsyncSync(fd);
        close();
        renameSync(temporary, target);
      } catch (error) {
        close();
        rmSync(temporary, { force: true });
        throw cannotWrite(out, error);
      }
    },
    abandon() {
      close();
      rmSync(temporary, { force: true });
    },
  };
}
