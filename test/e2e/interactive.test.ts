// Prompts appear only in a terminal: these tests give desk a real pseudo-terminal.
import { spawn, type IPty } from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { DESK, sandbox } from './helpers.js';
import { inTerminal } from './terminal.js';

interface Session {
  pty: IPty;
  output(): string;
  waitFor(text: string | RegExp): Promise<void>;
  exit: Promise<number>;
}

function startInTerminal(args: string[], env: NodeJS.ProcessEnv, cwd: string): Session {
  const pty = spawn(process.execPath, [DESK, ...args], { cols: 120, rows: 40, cwd, env: env as Record<string, string> });
  let output = '';
  const waiters: (() => void)[] = [];
  pty.onData((data) => {
    output += data;
    waiters.forEach((w) => w());
  });
  const exit = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  const plain = () => output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    pty,
    output: plain,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${text} in terminal output:\n${plain()}`)), 15_000);
        const check = () => {
          const seen = plain();
          if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiters.push(check);
        check();
      }),
    exit,
  };
}

describe('in a terminal', () => {
  it('create prompts for the missing required fields', async () => {
    const box = sandbox();
    const session = startInTerminal(['create', '--contact', '13800001111'], box.env, box.dir);
    await session.waitFor('Title');
    session.pty.write('Scanner offline\r');
    await session.waitFor('Requester');
    session.pty.write('周敏\r');
    await session.waitFor('Channel');
    session.pty.write('\x1b[B\r'); // arrow down: the second channel, email
    expect(await session.exit).toBe(0);
    expect(session.output()).toMatch(/SD-\d{6}-00001/);
    const ticket = box.json(['show', '1', '--reveal']);
    expect([ticket.title, ticket.requester, ticket.channel, ticket.contact]).toEqual(['Scanner offline', '周敏', 'email', '13800001111']);
  });

  it('close on an open ticket asks for the solution; on a resolved one it asks nothing', async () => {
    const box = sandbox();
    box.desk(['create', '--title', 'Password', '--requester', 'y', '--channel', 'onsite']);
    const session = startInTerminal(['close', '1'], box.env, box.dir);
    await session.waitFor('Solution');
    session.pty.write('Reset the password\r');
    expect(await session.exit).toBe(0);
    expect(box.json(['show', '1'])).toMatchObject({ status: 'closed', solution: 'Reset the password' });

    box.desk(['create', '--title', 'Printer', '--requester', 'y', '--channel', 'web', '--team', 'desktop']);
    box.desk(['resolve', '2', '--solution', 'Cleared the jam']);
    const closed = await inTerminal(box, ['close', '2']);
    expect(closed.code).toBe(0);
    expect(closed.output).not.toContain('Solution');
    expect(box.json(['show', '2']).status).toBe('closed');
  });

  it('Ctrl-C at a prompt cancels with exit 2 and writes nothing', async () => {
    const box = sandbox();
    box.desk(['create', '--title', 'x', '--requester', 'y', '--channel', 'web']);
    const session = startInTerminal(['create', '--requester', 'y', '--channel', 'web'], box.env, box.dir);
    await session.waitFor('Title');
    session.pty.write('\x03');
    expect(await session.exit).toBe(2);
    expect(session.output()).toContain('cancelled');
    expect(box.json(['list'])).toHaveLength(1);
  });

  it('an edit whose ticket changed while the operator typed stops with exit 4', async () => {
    const box = sandbox();
    box.desk(['create', '--title', 'x', '--requester', 'y', '--channel', 'web', '--team', 'desktop']);
    box.desk(['respond', '1']);
    const session = startInTerminal(['resolve', '1'], box.env, box.dir);
    await session.waitFor('Solution');
    expect(box.desk(['pending', '1', '--reason', 'waiting for parts'], { env: { DESK_ACTOR: 'zhou' } }).code).toBe(0);
    session.pty.write('Replaced the cable\r');
    expect(await session.exit).toBe(4);
    expect(session.output()).toMatch(/was changed by zhou/);
    expect(box.json(['show', '1']).status).toBe('pending');
  });

  it('qa score asks each item of the checklist in turn, then for a comment', async () => {
    const box = sandbox();
    box.desk(['create', '--title', 'VPN', '--requester', 'y', '--channel', 'phone'], { env: { DESK_NOW: '2026-11-30T09:00:00+08:00', DESK_ACTOR: 'li' } });
    const tuesday = { ...box.env, DESK_NOW: '2026-12-01T09:00:00+08:00', DESK_ACTOR: 'lin' };
    expect(box.desk(['qa', 'sample', '--date', '2026-11-30', '--seed', 'a'], { env: tuesday }).code).toBe(0);
    const session = startInTerminal(['qa', 'score', '1'], tuesday, box.dir);
    // greeting pass, closing fail, attitude, wording and knowledge pass, timeliness n/a
    for (const [item, keys] of [['Greeting (10)', '\r'], ['Closing (10)', '\x1b[B\r'], ['Attitude (25)', '\r'], ['Wording (20)', '\r'], ['Product knowledge (25)', '\r'], ['Timeliness (10)', '\x1b[B\x1b[B\r']] as const) {
      await session.waitFor(item);
      session.pty.write(keys);
    }
    await session.waitFor('Comment');
    session.pty.write('no closing formula\r');
    expect(await session.exit).toBe(0);
    // 10 + 25 + 20 + 25 of the 90 that apply
    expect(session.output()).toContain('SD-202611-00001 (li): 88.9 (failed: Closing), unqualified');
    const [record] = box.json(['qa', 'list', '--date', '2026-11-30']);
    expect([record.items, record.comment]).toEqual([{ greeting: 'pass', closing: 'fail', attitude: 'pass', wording: 'pass', knowledge: 'pass', timeliness: 'na' }, 'no closing formula']);
  });
});

describe('colour', () => {
  it('is used in a terminal and dropped with NO_COLOR or --no-color', async () => {
    const box = sandbox();
    box.desk(['create', '--title', 'Outage', '--requester', 'y', '--channel', 'web', '--urgency', 'critical']);
    const ansi = /\x1b\[3\dm/;
    const withColour = (await inTerminal(box, ['list'], { cols: 160, rows: 40 })).raw;
    expect(withColour).toMatch(ansi);
    expect(withColour).toMatch(/┌/);
    expect((await inTerminal(box, ['list'], { cols: 160, rows: 40, env: { NO_COLOR: '1' } })).raw).not.toMatch(ansi);
    expect((await inTerminal(box, ['list', '--no-color'], { cols: 160, rows: 40 })).raw).not.toMatch(ansi);
  });
});
