import { autoIncrementId, caseSensitive, createTable, type Migration } from '@handset/sdk/server/database';
import { socialTables } from '@handset/sdk/server/social';

/**
 * Cloutgram's tables. Accounts go with their phone; everything else goes with its account, so deleting a character
 * deletes their whole Cloutgram presence.
 */
export const cloutgramMigrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, follows, blocks, posts, comments, stories, notifications',
    up: (dialect) => {
      const account = (column: string) => `FOREIGN KEY (${column}) REFERENCES handset_cloutgram_accounts (id) ON DELETE CASCADE`;
      return [
        ...socialTables(dialect, 'cloutgram'),
        createTable(dialect, 'handset_cloutgram_posts', [
          autoIncrementId(dialect),
          'author_id BIGINT NOT NULL',
          // A JSON array of 1-10 image URLs.
          'photos VARCHAR(5200) NOT NULL',
          "caption VARCHAR(2200) NOT NULL DEFAULT ''",
          'location VARCHAR(60) NULL',
          // The author's private mode, kept on each post so a feed never reads the accounts table to hide them.
          'author_private TINYINT(1) NOT NULL DEFAULT 0',
          'likes INT NOT NULL DEFAULT 0',
          'comments INT NOT NULL DEFAULT 0',
          // The page's id for a create, so a retried post is found instead of posted twice.
          `client_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
          'deleted_at BIGINT NULL',
          'created_at BIGINT NOT NULL',
          'UNIQUE (author_id, client_id)',
          account('author_id'),
        ]),
        // Explore reads the primary key backwards from its cursor; following and profile grids one author's rows newest first.
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_posts_author ON handset_cloutgram_posts (author_id, id)',
        createTable(dialect, 'handset_cloutgram_likes', [
          autoIncrementId(dialect),
          'account_id BIGINT NOT NULL',
          'post_id BIGINT NOT NULL',
          'created_at BIGINT NOT NULL',
          'UNIQUE (account_id, post_id)',
          account('account_id'),
          'FOREIGN KEY (post_id) REFERENCES handset_cloutgram_posts (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_likes_post ON handset_cloutgram_likes (post_id, id)',
        createTable(dialect, 'handset_cloutgram_saves', [
          autoIncrementId(dialect),
          'account_id BIGINT NOT NULL',
          'post_id BIGINT NOT NULL',
          'created_at BIGINT NOT NULL',
          // Led by the post: the account's list reads (account_id, id) below, newest first with no sort.
          'UNIQUE (post_id, account_id)',
          account('account_id'),
          'FOREIGN KEY (post_id) REFERENCES handset_cloutgram_posts (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_saves_account ON handset_cloutgram_saves (account_id, id)',
        createTable(dialect, 'handset_cloutgram_comments', [
          autoIncrementId(dialect),
          'post_id BIGINT NOT NULL',
          // The comment this one replies to; 0 for a comment on the post itself (an indexable value, unlike NULL).
          'parent_id BIGINT NOT NULL DEFAULT 0',
          'author_id BIGINT NOT NULL',
          'text VARCHAR(500) NOT NULL',
          'likes INT NOT NULL DEFAULT 0',
          'replies INT NOT NULL DEFAULT 0',
          `client_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
          'deleted_at BIGINT NULL',
          'created_at BIGINT NOT NULL',
          'UNIQUE (author_id, client_id)',
          account('author_id'),
          'FOREIGN KEY (post_id) REFERENCES handset_cloutgram_posts (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_comments_post ON handset_cloutgram_comments (post_id, parent_id, id)',
        createTable(dialect, 'handset_cloutgram_comment_likes', [
          'account_id BIGINT NOT NULL',
          'comment_id BIGINT NOT NULL',
          'created_at BIGINT NOT NULL',
          'PRIMARY KEY (account_id, comment_id)',
          account('account_id'),
          'FOREIGN KEY (comment_id) REFERENCES handset_cloutgram_comments (id) ON DELETE CASCADE',
        ]),
        createTable(dialect, 'handset_cloutgram_stories', [
          autoIncrementId(dialect),
          'author_id BIGINT NOT NULL',
          'photo VARCHAR(500) NOT NULL',
          'author_private TINYINT(1) NOT NULL DEFAULT 0',
          `client_id VARCHAR(64)${caseSensitive(dialect)} NULL`,
          'created_at BIGINT NOT NULL',
          // Past this a story is never served; the prune deletes it.
          'expires_at BIGINT NOT NULL',
          'UNIQUE (author_id, client_id)',
          account('author_id'),
        ]),
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_stories_author ON handset_cloutgram_stories (author_id, expires_at)',
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_stories_expiry ON handset_cloutgram_stories (expires_at)',
        createTable(dialect, 'handset_cloutgram_story_views', [
          autoIncrementId(dialect),
          'story_id BIGINT NOT NULL',
          'viewer_id BIGINT NOT NULL',
          'created_at BIGINT NOT NULL',
          // Led by the viewer: a story's viewer list reads (story_id, id) below, newest first with no sort.
          'UNIQUE (viewer_id, story_id)',
          account('viewer_id'),
          'FOREIGN KEY (story_id) REFERENCES handset_cloutgram_stories (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_story_views_story ON handset_cloutgram_story_views (story_id, id)',
        createTable(dialect, 'handset_cloutgram_notifications', [
          autoIncrementId(dialect),
          'recipient_id BIGINT NOT NULL',
          'kind VARCHAR(12) NOT NULL',
          'actor_id BIGINT NOT NULL',
          'post_id BIGINT NULL',
          'comment_id BIGINT NULL',
          'is_read TINYINT(1) NOT NULL DEFAULT 0',
          'created_at BIGINT NOT NULL',
          account('recipient_id'),
          account('actor_id'),
          'FOREIGN KEY (post_id) REFERENCES handset_cloutgram_posts (id) ON DELETE CASCADE',
          'FOREIGN KEY (comment_id) REFERENCES handset_cloutgram_comments (id) ON DELETE CASCADE',
        ]),
        'CREATE INDEX IF NOT EXISTS handset_cloutgram_notifications_list ON handset_cloutgram_notifications (recipient_id, id)',
        createTable(dialect, 'handset_cloutgram_reports', [
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
