// The Store contract run against the PostgreSQL store: every case gets a database of its own, made
// from one migrated template (CREATE DATABASE … TEMPLATE takes about 0.1 s, migrating 0.3 s); a
// second connection is a second open of the same URL. The databases are dropped at the end.
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { describeWith, POSTGRES, postgresLocation } from '../system-programs.js';
import { describeStoreContract } from './contract.js';

const server = postgresLocation();
const prefix = `desk_contract_${process.pid}`;
const template = `${prefix}_template`;
/** This case's databases, dropped after it. */
const databases: string[] = [];
let created = 0;

/** The server's URL with another database. */
function locationOf(database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describeWith(POSTGRES, 'PostgreSQL store', () => {
  beforeAll(async () => {
    await admin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${template}`);
      await client.query(`CREATE DATABASE ${template}`);
    });
    await (await openStore(locationOf(template), { create: true })).close();
  });

  // After the case's own hooks have closed its stores.
  afterEach(async () => {
    await admin(async (client) => {
      for (const database of databases.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
  });

  afterAll(async () => {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  });

  describeStoreContract(
    'PostgreSQL',
    async () => {
      const database = `${prefix}_${++created}`;
      databases.push(database);
      await admin((client) => client.query(`CREATE DATABASE ${database} TEMPLATE ${template}`));
      return openStore(locationOf(database), { create: false });
    },
    { connectAgain: (store) => openStore(locationOf(new URL(store.path).pathname.slice(1)), { create: false }), backupOpensAsStore: false },
  );
});
