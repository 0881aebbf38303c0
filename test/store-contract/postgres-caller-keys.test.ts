// The PostgreSQL migration that adds the caller keys writes them for the tickets already there in
// SQL; every later write uses src/domain/caller.ts. The two must key every contact and name alike.
import pg from 'pg';
import { expect, it } from 'vitest';
import { contactKey, requesterKey } from '../../src/domain/caller.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/schema.js';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';

const VALUES = [
  '13812345678', '138 1234 5678', '+86 138-1234-5678', '0086-13812345678', '8613812345678', '１３８１２３４５６７８',
  '(010) 6512-3456', '+1 (415) 555-0100', 'Li.Lei@Example.COM', ' li.lei@example.com ', 'WeChat  LiLei88', '12',
  '', '   ', '[redacted]', null, '李雷', ' 李 雷 ', 'Li Lei', 'LI  LEI', 'Ｌｉ Ｌｅｉ', '王先生\t2',
];

describeWith(POSTGRES, 'the caller keys of the PostgreSQL migration', () => {
  it('are those of src/domain/caller.ts', async () => {
    const migration = POSTGRES_MIGRATIONS.find((m) => m.name === 'caller keys of requester and contact')!;
    const client = new pg.Client({ connectionString: postgresLocation() });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMPORARY TABLE tickets (id bigint PRIMARY KEY, requester text, contact text, created_at bigint NOT NULL DEFAULT 0)');
      for (const [i, value] of VALUES.entries()) await client.query('INSERT INTO tickets (id, requester, contact) VALUES ($1, $2, $2)', [i + 1, value]);
      await client.query(migration.sql);
      const { rows } = await client.query('SELECT requester_key, contact_key FROM tickets ORDER BY id');
      expect(rows).toEqual(VALUES.map((value) => ({ requester_key: requesterKey(value), contact_key: contactKey(value) })));
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
