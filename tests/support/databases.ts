import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { describe } from 'vitest';

/** The MariaDB server tests may use, e.g. `mysql://root@127.0.0.1:3306`; unset means MariaDB suites are skipped. */
export function mariadbUrl(): string | undefined {
  return process.env.HANDSET_TEST_MARIADB || undefined;
}

/** `describe` when a MariaDB server is configured, `describe.skip` otherwise. */
export const describeMariadb = mariadbUrl() ? describe : describe.skip;

export interface TestDatabase {
  /** A `mysql://` URL naming the fresh database. */
  url: string;
  drop(): Promise<void>;
}

async function onServer(server: string, sql: string): Promise<void> {
  const connection = await createConnection(server);
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/** Creates a uniquely named database on the configured server, so parallel suites never share tables. */
export async function createMariadbDatabase(prefix: string): Promise<TestDatabase> {
  const server = mariadbUrl();
  if (!server) throw new Error('HANDSET_TEST_MARIADB is not set');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
    .replace(/[^A-Za-z0-9_]/g, '_')
    .slice(0, 64);
  await onServer(server, `CREATE DATABASE \`${name}\``);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(server, `DROP DATABASE IF EXISTS \`${name}\``),
  };
}
