import { autoIncrementId, caseSensitive, createTable, type Migration } from '@handset/sdk/server/database';

/** The contacts app's tables: one row per contact of a character's phone, and the numbers it blocked without a contact. */
export const contactsMigrations: Migration[] = [
  {
    version: 1,
    name: 'contacts',
    up: (dialect) => [
      createTable(dialect, 'handset_contacts_contacts', [
        autoIncrementId(dialect),
        'phone_id BIGINT NOT NULL',
        'contact_number VARCHAR(15) NOT NULL',
        'first_name VARCHAR(32) NOT NULL',
        "last_name VARCHAR(32) NOT NULL DEFAULT ''",
        // The list sorts by this, case-insensitively on both databases (MariaDB's table collation already is).
        `display_name VARCHAR(64)${dialect === 'sqlite' ? ' COLLATE NOCASE' : ''} NOT NULL`,
        "notes VARCHAR(500) NOT NULL DEFAULT ''",
        'avatar_url VARCHAR(500) NULL',
        'favorite TINYINT(1) NOT NULL DEFAULT 0',
        'blocked TINYINT(1) NOT NULL DEFAULT 0',
        // The client-generated id of the request that created the row, so a retried add finds it (NULL from exports).
        `request_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
        'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'UNIQUE (phone_id, contact_number)',
        'UNIQUE (phone_id, request_id)',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
      // The whole list in one indexed read: a phone's contacts, favorites first, then by display name.
      'CREATE INDEX IF NOT EXISTS handset_contacts_contacts_list ON handset_contacts_contacts (phone_id, favorite DESC, display_name, id)',
    ],
  },
  {
    version: 2,
    name: 'blocked numbers',
    up: (dialect) => [
      // A number blocked without making it a contact (a hidden caller's): never listed, so it stays unseen.
      createTable(dialect, 'handset_contacts_blocks', [
        'phone_id BIGINT NOT NULL',
        'blocked_number VARCHAR(15) NOT NULL',
        'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'PRIMARY KEY (phone_id, blocked_number)',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
    ],
  },
];
