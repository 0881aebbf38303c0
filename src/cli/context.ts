// What every command receives: the world (io, clock, env, cwd) and lazily loaded settings and store.
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { NotFoundError, UsageError } from '../domain/errors.js';
import type { TicketWrites } from '../app/ticket-writes.js';
import type { TeamDirectory } from '../domain/vocabulary.js';
import type { DeskSettings } from '../config/settings.js';
import type { Store } from '../store/store.js';
import type { RuleEngine } from '../rules/engine.js';
import type { SlaPolicy } from '../sla/targets.js';
import type { QualityPolicy } from '../domain/quality.js';
import type { Lang } from '../domain/terms.js';
import type { Presenter } from './render/present.js';

export interface Output {
  write(text: string): unknown;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream;
  /** Both stdin and stdout are terminals: prompts and tables are allowed. */
  interactive: boolean;
  stdoutIsTTY: boolean;
  /** Size of the terminal stdout writes to, when it is one: listings fit its width. */
  columns?: number;
  rows?: number;
}

export interface GlobalOptions {
  db?: string;
  config?: string;
  json?: boolean;
  actor?: string;
  color?: boolean;
  tz?: string;
  lang?: string;
}

export interface Context {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
  now(): number;
  globals: GlobalOptions;
  json: boolean;
  color: boolean;
  /**
   * Who acts: --actor, else DESK_ACTOR, else the OS user; on a store with roles (PostgreSQL) the
   * role the store logs in as, and naming anyone else is refused.
   */
  actor(): Promise<string>;
  configDir(): Promise<string | null>;
  settings(): Promise<DeskSettings>;
  teams(): Promise<TeamDirectory>;
  /** The compiled routing rules; refuses to run with a routing.yaml it cannot fully understand. */
  rules(): Promise<RuleEngine>;
  /** The SLA policy of sla.yaml, or null when there is none (tickets then carry no deadlines). */
  sla(): Promise<SlaPolicy | null>;
  /** The quality rules of quality.yaml, or null when there is none. */
  quality(): Promise<QualityPolicy | null>;
  databasePath(): Promise<string>;
  /** The language of human output: --lang, else desk.yaml's `language`, else LANG. */
  lang(): Promise<Lang>;
  /** Writes values for people in the desk's zone and the operator's language. */
  presenter(options?: { reveal?: boolean }): Promise<Presenter>;
  /**
   * Opens the store once per run; `create: false` refuses to make a database that is not there,
   * `write: true` refuses at once a database this process may only read.
   */
  openStore(options?: { create?: boolean; write?: boolean }): Promise<Store>;
  /** The store opened for writing, behind the one write path that keeps text limits and the SLA clock. */
  writes(options?: { create?: boolean }): Promise<TicketWrites>;
  /** A context for the same world with some global options replaced (the demo's own database). */
  derive(overrides: GlobalOptions): Context;
  dispose(): Promise<void>;
}

export interface World {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now?: () => number;
  /** The system's time zone, for a desk whose config names none (default: this process's). */
  systemZone?: () => string;
}

function processZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createContext(world: World, globals: GlobalOptions): Context {
  const { io, env, cwd } = world;
  const home = env.HOME || homedir();
  let settings: Promise<DeskSettings> | undefined;
  let teams: Promise<TeamDirectory> | undefined;
  let rules: Promise<RuleEngine> | undefined;
  let sla: Promise<SlaPolicy | null> | undefined;
  let quality: Promise<QualityPolicy | null> | undefined;
  let store: Store | undefined;

  let resolvedConfigDir: string | null | undefined;

  const ensureConfigDir = async (): Promise<string | null> => {
    if (resolvedConfigDir !== undefined) return resolvedConfigDir;
    const { resolveConfigDir } = await import('../config/location.js');
    resolvedConfigDir = resolveConfigDir(globals.config, env, cwd, home);
    if (resolvedConfigDir && (globals.config || env.DESK_CONFIG) && !existsSync(resolvedConfigDir)) {
      const place = globals.config ? '--config' : 'DESK_CONFIG';
      throw new UsageError(`${place}: no directory ${resolvedConfigDir}`, 'create it with `desk init`, or point at an existing config directory');
    }
    return resolvedConfigDir;
  };

  const ctx: Context = {
    io,
    env,
    cwd,
    home,
    now: world.now ?? Date.now,
    globals,
    json: Boolean(globals.json),
    color: globals.color !== false && !('NO_COLOR' in env && env.NO_COLOR !== '') && io.stdoutIsTTY,
    async actor() {
      const named = globals.actor ? { given: `--actor ${globals.actor}`, name: globals.actor } : env.DESK_ACTOR ? { given: `DESK_ACTOR=${env.DESK_ACTOR}`, name: env.DESK_ACTOR } : null;
      const { isPostgresLocation } = await import('../store/open.js');
      if (!isPostgresLocation(await ctx.databasePath())) return named?.name ?? osUser();
      let store: Store;
      try {
        store = await ctx.openStore({ create: false });
      } catch (error) {
        // No desk there yet: whoever sets it up owns it, and the owner names the actor.
        if (error instanceof NotFoundError) return named?.name ?? osUser();
        throw error;
      }
      const { role, rights } = store.session!;
      // The owner may record anyone, as the server lets it: imports and migrations carry other
      // people's trails, and the owner could rewrite the tables anyway.
      if (rights === 'owner') return named?.name ?? role;
      if (named && named.name !== role) {
        const login = new URL(store.path);
        login.username = named.name;
        const where = globals.db ? '--db' : 'DESK_DB';
        throw new UsageError(
          `${named.given}: on PostgreSQL the actor is the role desk logs in as, here ${role}`,
          `${globals.actor ? 'leave out --actor' : 'unset DESK_ACTOR'}, or log in as ${named.name}: ${where} ${login.toString()}`,
        );
      }
      return role;
    },
    configDir: ensureConfigDir,
    settings() {
      settings ??= (async () => {
        const dir = await ensureConfigDir();
        const { cacheDirectory, loadDeskSettingsCached } = await import('../config/settings-cache.js');
        const cached = await loadDeskSettingsCached(dir, cwd, world.systemZone ?? processZone, cacheDirectory(env, home), env);
        const loaded = { ...cached.settings };
        if (cached.zoneTable || globals.tz) {
          const { checkZone, useZoneTable } = await import('../domain/time.js');
          if (cached.zoneTable) useZoneTable(cached.zoneTable);
          if (globals.tz) loaded.timezone = checkZone(globals.tz, '--tz');
        }
        return loaded;
      })();
      return settings;
    },
    teams() {
      teams ??= (async () => {
        const dir = await ensureConfigDir();
        const { loadTeams } = await import('../config/settings.js');
        return loadTeams(dir, cwd);
      })();
      return teams;
    },
    rules() {
      rules ??= (async () => {
        const [dir, directory, { vocabulary }] = [await ensureConfigDir(), await ctx.teams(), await ctx.settings()];
        const { loadRules } = await import('../rules/load.js');
        return loadRules(dir, cwd, directory, vocabulary);
      })();
      return rules;
    },
    sla() {
      sla ??= (async () => {
        const [dir, { vocabulary, timezone }] = [await ensureConfigDir(), await ctx.settings()];
        const { loadSla } = await import('../sla/load.js');
        return loadSla(dir, cwd, vocabulary, timezone);
      })();
      return sla;
    },
    quality() {
      quality ??= (async () => {
        const [dir, { vocabulary }] = [await ensureConfigDir(), await ctx.settings()];
        const { loadQuality } = await import('../quality/load.js');
        return loadQuality(dir, cwd, vocabulary);
      })();
      return quality;
    },
    async lang() {
      if (globals.lang !== undefined) {
        const { checkEnum } = await import('../domain/vocabulary.js');
        return checkEnum(globals.lang, ['en', 'zh'], '--lang') as Lang;
      }
      const { language } = await ctx.settings();
      if (language) return language;
      const { pickLang } = await import('./render/report-labels.js');
      return pickLang(undefined, env);
    },
    async presenter(options = {}) {
      const [{ timezone, vocabulary, teamNames }, lang] = [await ctx.settings(), await ctx.lang()];
      const { Presenter } = await import('./render/present.js');
      return new Presenter({ lang, zone: timezone, labels: vocabulary.labels, teams: teamNames, reveal: options.reveal });
    },
    async databasePath() {
      const { resolveDatabasePath } = await import('../store/location.js');
      return resolveDatabasePath(globals.db, env, home);
    },
    async openStore(options = {}) {
      if (!store) {
        const path = await ctx.databasePath();
        const { openStore } = await import('../store/open.js');
        store = await openStore(path, { create: options.create ?? true });
      }
      if (options.write) store.checkWritable();
      return store;
    },
    async writes(options = {}) {
      // The policy first: a broken sla.yaml stops the write before a database is created.
      const [sla, { limits }] = [await ctx.sla(), await ctx.settings()];
      const store = await ctx.openStore({ create: options.create ?? true, write: true });
      const { TicketWrites } = await import('../app/ticket-writes.js');
      return new TicketWrites(store, { sla, limits });
    },
    derive(overrides) {
      return createContext(world, { ...globals, ...overrides });
    },
    async dispose() {
      await store?.close();
      store = undefined;
    },
  };
  return ctx;
}
