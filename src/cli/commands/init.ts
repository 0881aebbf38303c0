import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { exampleConfigDir } from '../assets.js';
import { printJson } from '../render/ticket-json.js';
import { loadSampleTickets } from '../sample.js';
import type { CommandInput } from '../declaration.js';

export interface InitOptions {
  sample?: boolean;
}

export async function run({ options }: CommandInput<InitOptions>, ctx: Context) {
  const { defaultConfigDir } = await import('../../config/location.js');
  const configDir = ctx.globals.config ?? defaultConfigDir(ctx.env, ctx.home);
  mkdirSync(configDir, { recursive: true });
  const written: string[] = [];
  const kept: string[] = [];
  const examples = [
    ...readdirSync(exampleConfigDir).filter((f) => f.endsWith('.yaml')),
    ...readdirSync(join(exampleConfigDir, 'schema')).map((f) => join('schema', f)),
  ];
  mkdirSync(join(configDir, 'schema'), { recursive: true });
  for (const file of examples) {
    const target = join(configDir, file);
    // An operator's edited config is never overwritten.
    if (existsSync(target)) kept.push(target);
    else {
      copyFileSync(join(exampleConfigDir, file), target);
      written.push(target);
    }
  }
  const local = ctx.derive({ config: configDir });
  const store = await local.openStore({ create: true });
  const roles = await store.setUpRoles();
  const sample = options.sample ? await loadSampleTickets(local) : [];
  await local.dispose();
  if (ctx.json) {
    printJson((t) => ctx.io.stdout.write(t), { config: configDir, written, kept, database: store.path, created: store.created, roles, sample_tickets: sample.length });
    return;
  }
  for (const f of written) ctx.io.stdout.write(`wrote ${f}\n`);
  for (const f of kept) ctx.io.stdout.write(`kept  ${f} (already there)\n`);
  ctx.io.stdout.write(`${store.created ? 'created database' : 'database'} ${store.path}\n`);
  if (roles) {
    for (const role of roles.created) ctx.io.stdout.write(`created role ${role}\n`);
    for (const role of roles.kept) ctx.io.stdout.write(`kept  role ${role} (already on the server)\n`);
    ctx.io.stdout.write(`granted ${[...roles.created, ...roles.kept].join(', ')} their rights; add logins with \`desk roles add NAME --as operator|supervisor|auditor\`\n`);
  }
  if (sample.length) ctx.io.stdout.write(`added ${sample.length} sample tickets\n`);
}
