import { autoIncrementId, caseSensitive, createTable, type Migration } from '@handset/sdk/server/database';

/** The mail app's tables: each character's claimed address, one row per mailbox copy of a mail, and blocked addresses. */
export const mailMigrations: Migration[] = [
  {
    version: 1,
    name: 'addresses and mailboxes',
    up: (dialect) => [
      createTable(dialect, 'handset_mail_addresses', [
        autoIncrementId(dialect),
        // One address per phone, and one phone per name: the local part only, so a new domain suffix moves every address.
        'phone_id BIGINT NOT NULL UNIQUE',
        `name VARCHAR(24)${caseSensitive(dialect)} NOT NULL UNIQUE`,
        // Epoch milliseconds decided by the server: when the address was first claimed, and last changed (NULL: never).
        'claimed_at BIGINT NOT NULL',
        'changed_at BIGINT NULL',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
      createTable(dialect, 'handset_mail_messages', [
        autoIncrementId(dialect),
        // The mailbox this copy is in: the sender's (sent) or the recipient's (inbox).
        'phone_id BIGINT NOT NULL',
        'folder VARCHAR(5) NOT NULL',
        // Addresses as they were when sent: a later change or release of either does not rewrite mail.
        'from_address VARCHAR(128) NOT NULL',
        'to_address VARCHAR(128) NOT NULL',
        "subject VARCHAR(120) NOT NULL DEFAULT ''",
        'body TEXT NOT NULL',
        'is_read TINYINT(1) NOT NULL DEFAULT 0',
        // The sender's mail this one answered (the sent copy only); the page's Reply.
        'reply_to BIGINT NULL',
        // The page's client-generated id on the sent copy, so a retried send finds its mail (NULL on inbox copies).
        `client_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
        'created_at BIGINT NOT NULL',
        'UNIQUE (phone_id, client_id)',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
      // A folder newest first, paged by (created_at, id), in one indexed read.
      'CREATE INDEX IF NOT EXISTS handset_mail_messages_list ON handset_mail_messages (phone_id, folder, created_at, id)',
    ],
  },
  {
    version: 2,
    name: 'blocked addresses',
    up: (dialect) => [
      // The addresses a mailbox takes no mail from, lower case.
      createTable(dialect, 'handset_mail_blocks', [
        'phone_id BIGINT NOT NULL',
        `address VARCHAR(128)${caseSensitive(dialect)} NOT NULL`,
        'created_at BIGINT NOT NULL',
        'PRIMARY KEY (phone_id, address)',
        'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
      ]),
    ],
  },
];
