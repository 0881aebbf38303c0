import { UsageError } from '../../domain/errors.js';
import { checkRoleName, DESK_GROUPS, groupRole, noRoles, type DeskGroup } from '../../domain/roles.js';
import { checkEnum } from '../../domain/vocabulary.js';
import { isPostgresLocation } from '../../store/open.js';
import type { Context } from '../context.js';
import { askPassword } from '../prompter.js';
import { printJson } from '../render/ticket-json.js';
import type { CommandInput } from '../declaration.js';

export interface RolesAddOptions {
  as?: string;
  passwordStdin?: boolean;
}

/** The password of --password-stdin: a terminal asks without echo; piped, the input less its final line break. */
async function readPassword(ctx: Context): Promise<string> {
  let password: string;
  if (ctx.io.interactive) password = await askPassword(ctx, 'Password');
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (!password) throw new UsageError('--password-stdin: the password is empty', 'pipe it in, e.g. printf %s "$PASSWORD" | desk roles add …; or leave out --password-stdin for a login without one');
  if (/[\u0000-\u001f\u007f]/.test(password)) throw new UsageError('--password-stdin: the password holds a line break or another control character', 'give the password alone, on one line');
  return password;
}

export async function run({ args, options }: CommandInput<RolesAddOptions>, ctx: Context) {
  const name = checkRoleName(args[0]!);
  if (options.as === undefined) throw new UsageError('roles add needs --as', `one of ${DESK_GROUPS.join(', ')}`);
  const group = checkEnum(options.as, DESK_GROUPS, '--as') as DeskGroup;
  const location = await ctx.databasePath();
  // Refused before anything is opened: an SQLite desk would otherwise be created to say so.
  if (!isPostgresLocation(location)) throw noRoles(location);
  const password = options.passwordStdin ? await readPassword(ctx) : null;
  const store = await ctx.openStore({ create: false });
  await store.addRole(name, group, password);
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), { role: name, group: groupRole(group), password: password !== null });
    return;
  }
  const login = password === null ? 'without a password (for peer, trust or certificate logins)' : 'with the password given';
  ctx.io.stdout.write(`added role ${name} to ${groupRole(group)}, logging in ${login}\n`);
}
