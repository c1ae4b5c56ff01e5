import { autoIncrementId, caseSensitive, createTable, type Migration } from '@handset/sdk/server/database';

const phoneForeignKey = 'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE';

/**
 * The messages app's tables: threads, their members (each with a read pointer and an unread counter), the
 * messages, and what each phone deleted for itself. Times are epoch milliseconds decided by the server.
 */
export const messagesMigrations: Migration[] = [
  {
    version: 1,
    name: 'threads, members, messages, hidden',
    up: (dialect) => {
      const threadId = `thread_id VARCHAR(40)${caseSensitive(dialect)} NOT NULL`;
      const threadForeignKey = 'FOREIGN KEY (thread_id) REFERENCES handset_messages_threads (id) ON DELETE CASCADE';
      return [
        createTable(dialect, 'handset_messages_threads', [
          // `d:<low>:<high>` for two numbers, `g:<random>` for a group.
          `id VARCHAR(40)${caseSensitive(dialect)} NOT NULL PRIMARY KEY`,
          'kind VARCHAR(6) NOT NULL',
          'name VARCHAR(32) NULL',
          'read_receipts TINYINT(1) NOT NULL DEFAULT 1',
          'typing TINYINT(1) NOT NULL DEFAULT 1',
          'created_at BIGINT NOT NULL',
          'updated_at BIGINT NOT NULL',
          'last_message_id BIGINT NULL',
        ]),
        createTable(dialect, 'handset_messages_members', [
          threadId,
          'number VARCHAR(15) NOT NULL',
          // NULL for a number no character has (a service line that bots and scripts send from).
          'phone_id BIGINT NULL',
          'admin TINYINT(1) NOT NULL DEFAULT 0',
          // The read pointer: the newest message this member has read; it only moves forward.
          'read_message_id BIGINT NOT NULL DEFAULT 0',
          // Messages after the read pointer not sent by this member, kept in step by every send, read and hide.
          'unread INT NOT NULL DEFAULT 0',
          // The member sees the messages after this one: the thread's last message when they joined.
          'from_message_id BIGINT NOT NULL DEFAULT 0',
          // The thread's last activity as this member sees it, here so that a phone's list is one index read.
          'updated_at BIGINT NOT NULL',
          'joined_at BIGINT NOT NULL',
          'left_at BIGINT NULL',
          'PRIMARY KEY (thread_id, number)',
          threadForeignKey,
          phoneForeignKey,
        ]),
        // The thread list: a phone's current threads, newest first, paged by (updated_at, thread_id).
        'CREATE INDEX IF NOT EXISTS handset_messages_members_list ON handset_messages_members (phone_id, left_at, updated_at, thread_id)',
        createTable(dialect, 'handset_messages_messages', [
          autoIncrementId(dialect),
          threadId,
          'sender_number VARCHAR(15) NOT NULL',
          // Kept when the sender's character is deleted: the message is the other members' history too.
          'sender_phone_id BIGINT NULL',
          // The id the sender's page generated, so that a retried send finds its message; NULL from scripts.
          `client_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
          'kind VARCHAR(8) NOT NULL',
          "body VARCHAR(1000) NOT NULL DEFAULT ''",
          'attachment TEXT NULL',
          'sent_at BIGINT NOT NULL',
          'UNIQUE (sender_phone_id, client_id)',
          threadForeignKey,
          'FOREIGN KEY (sender_phone_id) REFERENCES handset_core_phones (id) ON DELETE SET NULL',
        ]),
        // A thread's messages newest first, paged by id; also the last message and the unread recount.
        'CREATE INDEX IF NOT EXISTS handset_messages_messages_thread ON handset_messages_messages (thread_id, id)',
        createTable(dialect, 'handset_messages_hidden', [
          'phone_id BIGINT NOT NULL',
          'message_id BIGINT NOT NULL',
          'PRIMARY KEY (phone_id, message_id)',
          phoneForeignKey,
          'FOREIGN KEY (message_id) REFERENCES handset_messages_messages (id) ON DELETE CASCADE',
        ]),
      ];
    },
  },
];
