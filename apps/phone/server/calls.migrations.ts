import { autoIncrementId, createTable, type Migration } from '@handset/sdk/server/database';

/** The phone app's tables: one row per party per finished call (a party without a phone has none), and the calls still live. */
export const callsMigrations: Migration[] = [
  {
    version: 1,
    name: 'call records',
    up: (dialect) => [
      createTable(dialect, 'handset_phone_calls', [
        autoIncrementId(dialect),
        'phone_id BIGINT NOT NULL',
        'call_id VARCHAR(36) NOT NULL',
        'direction VARCHAR(8) NOT NULL',
        'other_number VARCHAR(15) NOT NULL',
        'hidden TINYINT(1) NOT NULL DEFAULT 0',
        'video TINYINT(1) NOT NULL DEFAULT 0',
        'company TINYINT(1) NOT NULL DEFAULT 0',
        'status VARCHAR(11) NOT NULL',
        // Epoch milliseconds decided by the server, so both databases and every time zone read the same instant.
        'started_at BIGINT NOT NULL',
        'answered_at BIGINT NULL',
        'ended_at BIGINT NOT NULL',
        'duration INT NOT NULL DEFAULT 0',
        'UNIQUE (phone_id, call_id)',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
      // Recents: a phone's records newest first, paged by id, in one indexed read.
      'CREATE INDEX IF NOT EXISTS handset_phone_calls_recents ON handset_phone_calls (phone_id, id)',
      // Retention finds the oldest records without scanning the table.
      'CREATE INDEX IF NOT EXISTS handset_phone_calls_started ON handset_phone_calls (started_at)',
    ],
  },
  {
    version: 2,
    name: 'recents seen',
    up: (dialect) => [
      // The newest record the player has seen in Recents: missed calls after it make the Phone badge.
      createTable(dialect, 'handset_phone_recents_seen', [
        'phone_id BIGINT NOT NULL PRIMARY KEY',
        'seen_id BIGINT NOT NULL',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
    ],
  },
  {
    version: 3,
    name: 'live calls',
    up: (dialect) => [
      // Calls that rang a phone and have not ended: a restart of Handset picks them up (calls.service.ts `recover`).
      createTable(dialect, 'handset_phone_live_calls', [
        'call_id VARCHAR(36) NOT NULL PRIMARY KEY',
        'caller_number VARCHAR(15) NOT NULL',
        'caller_phone_id BIGINT NULL',
        'callee_number VARCHAR(15) NOT NULL',
        'callee_phone_id BIGINT NULL',
        'hidden TINYINT(1) NOT NULL DEFAULT 0',
        'video TINYINT(1) NOT NULL DEFAULT 0',
        'company TINYINT(1) NOT NULL DEFAULT 0',
        'started_at BIGINT NOT NULL',
        'answered_at BIGINT NULL',
      ]),
    ],
  },
];
