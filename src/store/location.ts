import { join } from 'node:path';

/** --db, else $DESK_DB, else $XDG_DATA_HOME/desk/desk.db (~/.local/share/desk/desk.db). */
export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv, home: string): string {
  if (flag) return flag;
  if (env.DESK_DB) return env.DESK_DB;
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  return join(dataHome, 'desk', 'desk.db');
}
