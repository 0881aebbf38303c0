// A database this process may read but not write (the file or its directory lacks write
// permission, or it sits on a read-only mount): read without creating anything beside it, every
// write refused with one message.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../domain/errors.js';

/**
 * The largest file read into memory. Measured on the 2-core development machine: 410 MB read and
 * opened in 0.55 s, 870 MB peak memory (the file is copied once more into SQLite's own memory).
 */
const SNAPSHOT_LIMIT_BYTES = 512 * 1024 * 1024;

export interface ReadOnlyConnection {
  db: Database.Database;
  /** For a copy in memory, the journal mode the file's header records (the copy has none); else null. */
  fileJournalMode: string | null;
}

/** Whether this process may change the file and create its -wal and -shm files beside it. */
export function mayWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function cannotWrite(path: string): UsageError {
  return new UsageError(`cannot write ${path}: permission denied`, 'ask for write access to the file, its directory and any -wal and -shm files beside it, or run desk as their owner');
}

/** SQLite's own refusals to write (SQLITE_READONLY and its kinds) as the desk's one message; any other error as it is. */
export function asWriteRefusal(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  // DBMOVED: the file was renamed or deleted under the connection, not a matter of permission.
  if (typeof code === 'string' && /^SQLITE_READONLY(_|$)/.test(code) && code !== 'SQLITE_READONLY_DBMOVED') return cannotWrite(path);
  return error;
}

/**
 * Through the -wal and -shm files of a desk that has it open; else from a copy in memory. A
 * read-only connection would create those files, owned by this user: in a directory it may not
 * write that fails, and in one it may, the owner's desk could no longer write (SQLITE_READONLY).
 * SQLite's `immutable=1` would read the file in place, but better-sqlite3 is built without URI
 * filenames (SQLITE_USE_URI=0) and passes no SQLITE_OPEN_URI.
 */
export function openReadOnly(path: string, driver: { timeout: number; nativeBinding: string }): ReadOnlyConnection {
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new UsageError(`cannot read ${path}: permission denied`, 'ask for read access to the file (and write access to change it), or run desk as its owner');
  }
  if (existsSync(`${path}-wal`) && existsSync(`${path}-shm`)) {
    const db = new Database(path, { ...driver, readonly: true, fileMustExist: true });
    try {
      // Opening reads nothing; the first read is what opens the -wal and -shm.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return { db, fileJournalMode: null };
    } catch (error) {
      db.close();
      const code = String((error as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY')) throw error;
      if (walHoldsChanges(path)) {
        throw new UsageError(`cannot read ${path}: a desk has it open and this user may not read its -wal and -shm files`, 'try again when no desk has it open, or ask for read access to the -wal and -shm files beside it');
      }
    }
  }
  return openSnapshot(path, driver);
}

function walHoldsChanges(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function openSnapshot(path: string, driver: { timeout: number; nativeBinding: string }): ReadOnlyConnection {
  // A checkpoint of a desk that opened it meanwhile changes the file's time: read it again.
  for (let attempt = 1; ; attempt++) {
    if (walHoldsChanges(path)) {
      throw new UsageError(`cannot read ${path}: its -wal file holds changes that only a desk which may write the database can apply`, "run any desk command once as the database's owner, or ask for write access to the file and its directory");
    }
    const before = statSync(path);
    if (before.size > SNAPSHOT_LIMIT_BYTES) {
      throw new UsageError(
        `cannot read ${path} without write access: at ${Math.round(before.size / 2 ** 20)} MiB it is larger than the ${SNAPSHOT_LIMIT_BYTES / 2 ** 20} MiB desk reads into memory`,
        'copy it to a directory of yours and point --db at the copy, or ask for write access to the file and its directory',
      );
    }
    const image = readFileSync(path);
    const after = statSync(path);
    if (before.mtimeMs === after.mtimeMs && before.size === after.size) return fromImage(image, driver);
    if (attempt === 3) throw new UsageError(`cannot read ${path}: it kept changing while being read`, 'run the command again');
  }
}

/** A database image in memory; its header's WAL mark (bytes 18 and 19 = 2) becomes the rollback mark, as memory has no WAL. */
function fromImage(image: Buffer, driver: { timeout: number; nativeBinding: string }): ReadOnlyConnection {
  const wal = image.length >= 100 && image[18] === 2 && image[19] === 2;
  if (wal) image[18] = image[19] = 1;
  return { db: new Database(image, { ...driver, readonly: true }), fileJournalMode: wal ? 'wal' : 'delete' };
}
