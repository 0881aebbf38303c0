// Shell completion: the generated scripts load in real shells and offer the expected words.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FISH, itWith, ZSH } from '../system-programs.js';
import { DESK, sandbox, type Sandbox } from './helpers.js';

/** A sandbox with two tickets and `desk` on the PATH, as an installed desk would be. */
function setUp(): { box: Sandbox; env: NodeJS.ProcessEnv; run: (shell: string, script: string) => string } {
  const box = sandbox();
  for (const title of ['打印机卡纸', 'VPN down']) box.desk(['create', '--title', title, '--requester', 'r', '--channel', 'web', '--created-at', '2026-11-20 10:00']);
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'desk'), `#!/bin/sh\nexec "${process.execPath}" "${DESK}" "$@"\n`);
  chmodSync(join(bin, 'desk'), 0o755);
  const env = { ...box.env, PATH: `${bin}:${box.env.PATH}` };
  const run = (shell: string, script: string) => {
    const r = spawnSync(shell, ['-c', script], { cwd: box.dir, env, encoding: 'utf8', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`${shell} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  return { box, env, run };
}

describe('desk completion', () => {
  it('loads in bash and completes commands, flags, values from the config and recent ticket numbers', () => {
    const { box, run } = setUp();
    const complete = (...words: string[]) =>
      run('bash', `source <(desk completion bash) && COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}) && COMP_CWORD=${words.length - 1}; _desk; printf '%s\\n' "\${COMPREPLY[@]}"`)
        .split('\n')
        .filter(Boolean);
    expect(complete('desk', 'li')).toEqual(['list', 'link']);
    expect(complete('desk', 'h')).toEqual(['history', 'handover']);
    expect(complete('desk', '')).toEqual(expect.arrayContaining(['create', 'search', 'similar', 'handover', 'queue', 'completion', 'report', 'sla']));
    expect(complete('desk', 'rules', '')).toEqual(['check', 'test']);
    expect(complete('desk', 'ro')).toEqual(['roles']);
    expect(complete('desk', 'roles', '')).toEqual(['add']);
    expect(complete('desk', 'roles', 'add', 'wang', '--')).toEqual(expect.arrayContaining(['--as', '--password-stdin']));
    expect(complete('desk', 'list', '--st')).toEqual(['--status']);
    expect(complete('desk', 'search', '--l')).toEqual(['--limit', '--lang']);
    expect(complete('desk', 'list', '--status', '')).toEqual(['new', 'dispatched', 'in_progress', 'pending', 'resolved', 'closed', 'reopened', 'merged', 'open']);
    expect(complete('desk', 'link', '1', '2', '--as', '')).toEqual(['related', 'duplicate', 'parent']);
    expect(complete('desk', 'link', '1', '2', '--')).toEqual(expect.arrayContaining(['--as', '--remove']));
    expect(complete('desk', 'merge', '1', '--into', '').sort()).toEqual(['SD-202611-00001', 'SD-202611-00002']);
    expect(complete('desk', 'dispatch', '1', '--team', '')).toEqual(['service-desk', 'desktop', 'network', 'applications', 'facilities', 'complaints']);
    expect(complete('desk', 'assign', '1', '--to', 'zh')).toEqual(['zhao', 'zhou', 'zheng', 'zhu']);
    expect(complete('desk', 'create', '--channel', '')).toEqual(['phone', 'email', 'web', 'onsite']);
    expect(complete('desk', 'report', 'monthly', '--format', '')).toEqual(['table', 'json', 'csv', 'md', 'html']);
    expect(complete('desk', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('desk', 'search', 'x', '--sort', 're')).toEqual(['relevance', 'resolve_due_at']);
    expect(complete('desk', 'search', 'x', '--sort', '-u')).toEqual(['-updated_at', '-urgency']);
    expect(complete('desk', 'list', '--sort', 're')).toEqual(['resolve_due_at']);
    expect(complete('desk', 'list', '--to', '')).toEqual([]); // a time: nothing to offer
    expect(complete('desk', 'show', '').sort()).toEqual(['SD-202611-00001', 'SD-202611-00002']);
    // --db given on the command line is the database the numbers come from.
    const other = sandbox();
    other.desk(['create', '--title', 'x', '--requester', 'r', '--channel', 'web', '--created-at', '2026-10-01 10:00']);
    expect(complete('desk', '--db', other.db, 'show', '')).toEqual(['SD-202610-00001']);
    // No database: nothing, and no error on the screen.
    expect(complete('desk', '--db', join(box.dir, 'none.db'), 'show', '')).toEqual([]);
  });

  itWith(ZSH, 'loads in zsh and offers the same words', () => {
    const { run } = setUp();
    // compadd and _files only exist inside the completion system: stand-ins print what they get.
    const complete = (...words: string[]) =>
      run(
        'zsh',
        `compdef() { :; }; compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; print -l -- "$@"; }; _files() { print FILES; }
         source <(desk completion zsh); words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _desk`,
      )
        .split('\n')
        .filter(Boolean);
    expect(complete('desk', '')).toEqual(expect.arrayContaining(['list', 'search', 'handover']));
    expect(complete('desk', 'list', '--status', '')).toContain('in_progress');
    expect(complete('desk', 'dispatch', '1', '--with', '')).toContain('network');
    expect(complete('desk', 'show', '')).toHaveLength(2);
    expect(complete('desk', 'backup', '')).toEqual(['FILES']);
  });

  itWith(FISH, 'loads in fish and offers the same words', () => {
    const { run } = setUp();
    const complete = (line: string) => run('fish', `desk completion fish | source; complete -C '${line}'`).split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    expect(complete('desk li')).toEqual(['link', 'list']);
    expect(complete('desk sla ')).toEqual(['check', 'due', 'explain']);
    expect(complete('desk list --urgency ')).toEqual(['critical', 'normal', 'urgent']);
    expect(complete('desk similar ')).toHaveLength(2);
  });

  it('refuses an unknown shell', () => {
    const box = sandbox();
    const r = box.desk(['completion', 'powershell']);
    expect([r.code, r.stderr]).toEqual([2, 'desk: unknown shell "powershell"\nhint: e.g. source <(desk completion bash)\n']);
  });
});
