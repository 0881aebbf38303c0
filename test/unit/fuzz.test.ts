// Every input surface of the core, fed arbitrary input: the answer is a correct result or a typed,
// explained error — never another exception.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError } from '../../src/config/yaml-file.js';
import { UsageError } from '../../src/domain/errors.js';
import { buildNewTicket } from '../../src/domain/new-ticket.js';
import { parseDuration, parseInstant } from '../../src/domain/time.js';
import { DEFAULT_VOCABULARY, TeamDirectory } from '../../src/domain/vocabulary.js';
import { RuleEngine } from '../../src/rules/engine.js';
import { loadRoutingFile } from '../../src/rules/load.js';
import { loadSlaFile } from '../../src/sla/load.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TEAMS = new TeamDirectory([{ key: 'desktop', name: 'Desktop', supervisor: 'zhao', members: ['sun', 'zhou'] }]);
const RUNS = { numRuns: 300, seed: 20261125 };

/** Runs `fn`; an error is acceptable only if it is one of `allowed`. */
function settles(fn: () => unknown, ...allowed: (new (...args: never[]) => Error)[]): void {
  try {
    fn();
  } catch (error) {
    if (!allowed.some((type) => error instanceof type)) throw error;
    expect((error as Error).message.length).toBeGreaterThan(0);
  }
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('2026-11-25 14:30', '2026-02-30', '9999-01-01', '1h30m', '-1h', 'phone', 'urgent'));

describe('arbitrary input to the core', () => {
  it('a ticket draft becomes a ticket or a usage error', () => {
    const draft = fc.record({ title: text, requester: text, channel: text, urgency: text, type: text, impact: text, created_at: text, occurred_at: text, team: text, assignee: text, collaborators: text }, { requiredKeys: [] });
    fc.assert(
      fc.property(draft, (d) => settles(() => buildNewTicket(d, { now: Date.UTC(2026, 10, 25), zone: 'Asia/Shanghai', vocabulary: DEFAULT_VOCABULARY, teams: TEAMS }), UsageError)),
      RUNS,
    );
  });

  it('a time is an instant between 1970 and 2099, or a usage error', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'UTC'), (t, zone) =>
        settles(() => {
          const ms = parseInstant(t, zone, '--created-at');
          expect(ms).toBeGreaterThanOrEqual(Date.UTC(1969, 11, 31));
          expect(ms).toBeLessThan(Date.UTC(2100, 0, 2));
        }, UsageError),
      ),
      RUNS,
    );
  });

  it('a duration is a non-negative number of milliseconds, or a usage error', () => {
    fc.assert(fc.property(text, (t) => settles(() => expect(parseDuration(t, '--within')).toBeGreaterThanOrEqual(0), UsageError)), RUNS);
  });

  it('a routing file or an SLA file loads or reports its problems, whatever it holds', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => stringify(v)),
      fc.record({ classify: fc.array(fc.record({ name: fc.string(), when: fc.object(), set: fc.dictionary(fc.constantFrom('type', 'category', 'urgency'), fc.string()) })) }).map((v) => stringify(v)),
      fc.record({ timezone: fc.string(), calendars: fc.dictionary(fc.string(), fc.oneof(fc.constant('24x7'), fc.object())), targets: fc.object() }).map((v) => stringify(v)),
    );
    let n = 0;
    fc.assert(
      fc.property(yamlish, (content) => {
        const path = join(dir, `file-${n++}.yaml`);
        writeFileSync(path, content);
        settles(() => new RuleEngine(loadRoutingFile(path, dir, TEAMS, DEFAULT_VOCABULARY)), ConfigError);
        settles(() => loadSlaFile(path, dir, DEFAULT_VOCABULARY), ConfigError);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('the rules classify any text without failing', () => {
    const engine = new RuleEngine({
      classify: [
        { name: 'printer', when: { keywords: ['打印机', 'printer'] }, set: { type: 'fault', category: 'hardware/printer' } },
        { name: 'outage', when: { regex: '(全部|everyone).*(无法|down)' }, set: { urgency: 'critical' } },
      ],
      dispatch: [{ name: 'fallback', team: 'desktop' }],
    });
    fc.assert(
      fc.property(text, fc.option(text), (title, description) => {
        const input = { title, description, department: null, channel: null, requester: null, type: null, category: null, urgency: null, impact: null };
        const { decided } = engine.classify(input);
        for (const d of Object.values(decided)) expect(['printer', 'outage']).toContain(d!.rule);
        expect(engine.dispatch(input).team?.value).toBe('desktop');
      }),
      RUNS,
    );
  });
});
