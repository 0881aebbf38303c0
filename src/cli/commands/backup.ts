import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import type { Context } from '../context.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface BackupOptions {
  force?: boolean;
}

export async function run({ args, options }: CommandInput<BackupOptions>, ctx: Context) {
  const destination = resolve(ctx.cwd, args[0]!);
  const store = await ctx.openStore({ create: false });
  if (resolve(ctx.cwd, store.path) === destination) throw new UsageError('the backup would overwrite the database itself', 'write it to another file');
  if (existsSync(destination)) {
    if (!options.force) throw new UsageError(`${args[0]} already exists`, 'choose a new file, or pass --force to replace it');
    rmSync(destination);
  }
  await store.backup(destination);
  if (ctx.json) printJson((t) => ctx.io.stdout.write(t), { database: store.path, backup: destination });
  else ctx.io.stdout.write(`${destination}\n`);
}
