// Where the config directory is. Kept apart from the loaders so that finding it costs no parser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** --config, else $DESK_CONFIG, else ./config when present, else $XDG_CONFIG_HOME/desk when present. */
export function resolveConfigDir(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string, home: string): string | null {
  if (flag) return flag;
  if (env.DESK_CONFIG) return env.DESK_CONFIG;
  const local = join(cwd, 'config');
  if (existsSync(local)) return local;
  const user = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'desk');
  return existsSync(user) ? user : null;
}

/** Where `desk init` writes a scaffold when no directory is given. */
export function defaultConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DESK_CONFIG || join(env.XDG_CONFIG_HOME || join(home, '.config'), 'desk');
}
