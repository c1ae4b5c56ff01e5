import { autoIncrementId, caseSensitive, createTable, type Migration } from '../../../sdk/server/database';

const phoneId = 'phone_id BIGINT NOT NULL';
// Every row of a phone's data goes when its phone (the character) is deleted.
const phoneForeignKey = 'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE';

/** The core's tables: phones, and what hangs from a phone (notifications, installed apps, app storage, media, settings). */
export const coreMigrations: Migration[] = [
  {
    version: 1,
    name: 'phones, notifications, app installs, app storage',
    up: (dialect) => [
      createTable(dialect, 'handset_core_phones', [
        autoIncrementId(dialect),
        'identifier VARCHAR(96) NOT NULL UNIQUE',
        'phone_number VARCHAR(15) NOT NULL UNIQUE',
        'airplane_mode TINYINT(1) NOT NULL DEFAULT 0',
        'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
      ]),
      createTable(dialect, 'handset_core_notifications', [
        autoIncrementId(dialect),
        phoneId,
        'app_id VARCHAR(32) NULL',
        'app_label VARCHAR(64) NULL',
        'title VARCHAR(100) NOT NULL',
        'body VARCHAR(500) NOT NULL',
        'icon VARCHAR(64) NULL',
        'icon_color VARCHAR(16) NULL',
        'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'read_at DATETIME NULL',
        phoneForeignKey,
      ]),
      // The notification center pages a phone's notifications newest first.
      'CREATE INDEX IF NOT EXISTS handset_core_notifications_phone ON handset_core_notifications (phone_id, id)',
      createTable(dialect, 'handset_core_app_installs', [
        phoneId,
        'app_id VARCHAR(32) NOT NULL',
        'installed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'PRIMARY KEY (phone_id, app_id)',
        phoneForeignKey,
      ]),
      createTable(dialect, 'handset_core_app_storage', [
        phoneId,
        'app_id VARCHAR(32) NOT NULL',
        `storage_key VARCHAR(64)${caseSensitive(dialect)} NOT NULL`,
        'storage_value MEDIUMTEXT NOT NULL',
        'updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'PRIMARY KEY (phone_id, app_id, storage_key)',
        phoneForeignKey,
      ]),
    ],
  },
  {
    version: 2,
    name: 'media',
    up: (dialect) => [
      // Only where a photo is: the bytes live with the media backend.
      createTable(dialect, 'handset_core_media', [
        autoIncrementId(dialect),
        phoneId,
        'url VARCHAR(512) NOT NULL',
        'content_type VARCHAR(16) NOT NULL',
        'byte_size INT NOT NULL',
        'created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        phoneForeignKey,
      ]),
      'CREATE INDEX IF NOT EXISTS handset_core_media_phone ON handset_core_media (phone_id, id)',
    ],
  },
  {
    version: 3,
    name: 'device settings and passcode',
    up: (dialect) => [
      createTable(dialect, 'handset_core_device_settings', [
        'phone_id BIGINT NOT NULL PRIMARY KEY',
        'settings TEXT NOT NULL',
        'passcode_hash VARCHAR(160) NULL',
        'passcode_failures INT NOT NULL DEFAULT 0',
        // Epoch milliseconds: wrong passcodes are refused until then.
        'passcode_locked_until BIGINT NOT NULL DEFAULT 0',
        phoneForeignKey,
      ]),
    ],
  },
  {
    version: 4,
    name: 'pre-installed apps a player removed',
    up: (dialect) => [
      createTable(dialect, 'handset_core_app_removals', [
        phoneId,
        'app_id VARCHAR(32) NOT NULL',
        'removed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'PRIMARY KEY (phone_id, app_id)',
        phoneForeignKey,
      ]),
    ],
  },
];
