import type { Dialect } from './database';

// The only DDL that differs between MariaDB and SQLite; every other piece of a migration is written once, in
// the subset both understand (CREATE TABLE/INDEX IF NOT EXISTS, FOREIGN KEY … ON DELETE CASCADE).

/** An `id` column: a BIGINT that the database numbers itself, the table's primary key. */
export function autoIncrementId(dialect: Dialect): string {
  // SQLite numbers only a column declared exactly `INTEGER PRIMARY KEY`; its values are 64-bit like BIGINT.
  return dialect === 'sqlite' ? 'id INTEGER PRIMARY KEY AUTOINCREMENT' : 'id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY';
}

/** A text column's collation that compares bytes, so `a` and `A` are different keys on both databases. */
export function caseSensitive(dialect: Dialect): string {
  // SQLite compares bytes by default; MariaDB's utf8mb4_unicode_ci would not.
  return dialect === 'sqlite' ? '' : ' COLLATE utf8mb4_bin';
}

/**
 * `CREATE TABLE IF NOT EXISTS table (columns…)`, with InnoDB and utf8mb4 on MariaDB whatever the server's defaults.
 *
 * @example
 * createTable(dialect, 'handset_bank_accounts', [autoIncrementId(dialect), 'phone_id BIGINT NOT NULL'])
 */
export function createTable(dialect: Dialect, table: string, definitions: readonly string[]): string {
  const options = dialect === 'sqlite' ? '' : ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
  return `CREATE TABLE IF NOT EXISTS ${table} (\n  ${definitions.join(',\n  ')}\n)${options}`;
}
