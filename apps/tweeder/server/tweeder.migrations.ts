import { autoIncrementId, caseSensitive, createTable, type Migration } from '@handset/sdk/server/database';
import { socialTables } from '@handset/sdk/server/social';

/**
 * Tweeder's tables. Accounts go with their phone (a server account has none); everything else goes with its
 * account, so deleting a character deletes their whole Tweeder presence.
 */
export const tweederMigrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, posts, follows, blocks, notifications',
    up: (dialect) => {
      const account = (column: string) => `FOREIGN KEY (${column}) REFERENCES handset_tweeder_accounts (id) ON DELETE CASCADE`;
      return [
        // The social graph's accounts (with Tweeder's pinned post and notification switches), follows, blocks and mutes.
        ...socialTables(dialect, 'tweeder', [
          'pinned_post_id BIGINT NULL',
          // The kinds of activity that notify the player, as JSON; NULL: all of them.
          'notify VARCHAR(200) NULL',
        ]),
        createTable(dialect, 'handset_tweeder_posts', [
          autoIncrementId(dialect),
          'author_id BIGINT NOT NULL',
          // 1 for what feeds show (posts and reposts), 0 for replies.
          'top TINYINT(1) NOT NULL',
          "text VARCHAR(1000) NOT NULL DEFAULT ''",
          "photos VARCHAR(2100) NOT NULL DEFAULT '[]'",
          'has_media TINYINT(1) NOT NULL DEFAULT 0',
          // The author's private mode, kept on each post so a feed never reads the accounts table to hide them.
          'author_private TINYINT(1) NOT NULL DEFAULT 0',
          'reply_to BIGINT NULL',
          'quote_of BIGINT NULL',
          'repost_of BIGINT NULL',
          'likes INT NOT NULL DEFAULT 0',
          'reposts INT NOT NULL DEFAULT 0',
          'replies INT NOT NULL DEFAULT 0',
          // The page's id for a create, so a retried post is found instead of posted twice.
          `client_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
          'deleted_at BIGINT NULL',
          'created_at BIGINT NOT NULL',
          'UNIQUE (author_id, client_id)',
          account('author_id'),
        ]),
        // Latest reads the primary key backwards from its cursor (an index led by `top` makes MariaDB scan from the newest row
        // to the cursor instead). Following and profiles: one author's rows newest first. Threads: a post's replies.
        'CREATE INDEX IF NOT EXISTS handset_tweeder_posts_author ON handset_tweeder_posts (author_id, top, id)',
        'CREATE INDEX IF NOT EXISTS handset_tweeder_posts_media ON handset_tweeder_posts (author_id, has_media, id)',
        'CREATE INDEX IF NOT EXISTS handset_tweeder_posts_replies ON handset_tweeder_posts (reply_to, id)',
        'CREATE INDEX IF NOT EXISTS handset_tweeder_posts_reposts ON handset_tweeder_posts (repost_of, author_id)',
        createTable(dialect, 'handset_tweeder_likes', [
          autoIncrementId(dialect),
          'account_id BIGINT NOT NULL',
          'post_id BIGINT NOT NULL',
          'created_at BIGINT NOT NULL',
          'UNIQUE (account_id, post_id)',
          account('account_id'),
          'FOREIGN KEY (post_id) REFERENCES handset_tweeder_posts (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_tweeder_likes_post ON handset_tweeder_likes (post_id, id)',
        // A post's hashtags and words, lower case: the hashtag feed, trends and post search read these, never the text.
        createTable(dialect, 'handset_tweeder_terms', [
          'term VARCHAR(50) NOT NULL',
          'post_id BIGINT NOT NULL',
          'is_tag TINYINT(1) NOT NULL',
          'created_at BIGINT NOT NULL',
          'PRIMARY KEY (term, post_id)',
          'FOREIGN KEY (post_id) REFERENCES handset_tweeder_posts (id) ON DELETE CASCADE',
        ]),
        // Posts per hashtag per hour: trends sum the window's hours, never its posts.
        createTable(dialect, 'handset_tweeder_trends', [
          'hour BIGINT NOT NULL',
          'tag VARCHAR(50) NOT NULL',
          'posts INT NOT NULL',
          'PRIMARY KEY (hour, tag)',
        ]),
        createTable(dialect, 'handset_tweeder_notifications', [
          autoIncrementId(dialect),
          'recipient_id BIGINT NOT NULL',
          'kind VARCHAR(8) NOT NULL',
          'actor_id BIGINT NOT NULL',
          'post_id BIGINT NULL',
          'is_read TINYINT(1) NOT NULL DEFAULT 0',
          'created_at BIGINT NOT NULL',
          account('recipient_id'),
          account('actor_id'),
          'FOREIGN KEY (post_id) REFERENCES handset_tweeder_posts (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_tweeder_notifications_list ON handset_tweeder_notifications (recipient_id, id)',
        createTable(dialect, 'handset_tweeder_reports', [
          autoIncrementId(dialect),
          'reporter_id BIGINT NOT NULL',
          'post_id BIGINT NULL',
          'account_id BIGINT NULL',
          'reason VARCHAR(16) NOT NULL',
          "details VARCHAR(500) NOT NULL DEFAULT ''",
          'created_at BIGINT NOT NULL',
          account('reporter_id'),
        ]),
      ];
    },
  },
];
