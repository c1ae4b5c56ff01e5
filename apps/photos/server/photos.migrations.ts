import { autoIncrementId, caseSensitive, createTable, type Migration } from '@handset/sdk/server/database';

const phoneForeignKey = 'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE';

/** The Photos app's tables: each character's gallery (URLs only), their albums, and which photo is in which album. */
export const photosMigrations: Migration[] = [
  {
    version: 1,
    name: 'gallery and albums',
    up: (dialect) => [
      createTable(dialect, 'handset_photos_photos', [
        autoIncrementId(dialect),
        'phone_id BIGINT NOT NULL',
        'url VARCHAR(512) NOT NULL',
        'favorite TINYINT(1) NOT NULL DEFAULT 0',
        // The page's client-generated id, so a retried add finds its photo.
        `client_id VARCHAR(64)${caseSensitive(dialect)} NOT NULL`,
        'created_at BIGINT NOT NULL',
        'UNIQUE (phone_id, client_id)',
        phoneForeignKey,
      ]),
      // The grid newest first, and the favorites, paged by id in one indexed read.
      'CREATE INDEX IF NOT EXISTS handset_photos_photos_list ON handset_photos_photos (phone_id, id)',
      'CREATE INDEX IF NOT EXISTS handset_photos_photos_favorites ON handset_photos_photos (phone_id, favorite, id)',
      createTable(dialect, 'handset_photos_albums', [
        autoIncrementId(dialect),
        'phone_id BIGINT NOT NULL',
        'name VARCHAR(40) NOT NULL',
        'created_at BIGINT NOT NULL',
        'UNIQUE (phone_id, name)',
        phoneForeignKey,
      ]),
      createTable(dialect, 'handset_photos_album_photos', [
        'album_id BIGINT NOT NULL',
        'photo_id BIGINT NOT NULL',
        'PRIMARY KEY (album_id, photo_id)',
        'FOREIGN KEY (album_id) REFERENCES handset_photos_albums (id) ON DELETE CASCADE',
        'FOREIGN KEY (photo_id) REFERENCES handset_photos_photos (id) ON DELETE CASCADE',
      ]),
      // An album's photos newest first.
      'CREATE INDEX IF NOT EXISTS handset_photos_album_photos_list ON handset_photos_album_photos (album_id, photo_id)',
    ],
  },
];
