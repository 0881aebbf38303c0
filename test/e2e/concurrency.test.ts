import { describe, expect, it } from 'vitest';
import { sandbox, spawnDesk, type Result } from './helpers.js';

const WORKERS = 5;
const ROUNDS = 6;

describe('several operators at once', () => {
  it('lose no update and never see "database is locked"', async () => {
    const box = sandbox();
    const failures: Result[] = [];
    const worker = async (w: number) => {
      for (let round = 0; round < ROUNDS; round++) {
        const env = { ...box.env, DESK_ACTOR: `agent${w}` };
        const created = await spawnDesk(['create', '--title', `w${w} r${round}`, '--requester', `r${w}`, '--channel', 'phone'], env, box.dir);
        if (created.code !== 0) {
          failures.push(created);
          continue;
        }
        const number = created.stdout.trim();
        for (const ref of [number, '1']) {
          const noted = await spawnDesk(['note', ref, `note by ${w} in round ${round}`], env, box.dir);
          if (noted.code !== 0) failures.push(noted);
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    expect(failures.map((f) => f.stderr)).toEqual([]);
    const tickets = box.json(['list', '--limit', '1000']);
    expect(tickets).toHaveLength(WORKERS * ROUNDS);
    expect(new Set(tickets.map((t: any) => t.number)).size).toBe(WORKERS * ROUNDS);
    expect(new Set(tickets.map((t: any) => t.title)).size).toBe(WORKERS * ROUNDS);

    const shared = box.json(['history', '1']);
    const sharedNotes = shared.filter((e: any) => e.kind === 'note');
    const ownNoteOnFirst = 1;
    expect(sharedNotes).toHaveLength(WORKERS * ROUNDS + ownNoteOnFirst);
    expect(box.json(['show', '1']).version).toBe(shared.length);
    for (const ticket of tickets.filter((t: any) => t.id !== 1)) {
      const kinds = box.json(['history', String(ticket.id)]).map((e: any) => e.kind);
      expect(kinds).toEqual(['create', 'note']);
    }
  });
});
