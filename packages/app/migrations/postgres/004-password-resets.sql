-- One-time codes an instructor hands a learner who forgot their password (class mode;
-- src/server/auth/accounts.ts). As with sessions and invites, only the code's SHA-256 is
-- stored. At most one code per account: a new one replaces the old.
-- The PostgreSQL side of SQLite migration 007.
CREATE TABLE password_resets (
  code_hash  TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  expires_at TEXT NOT NULL
);
