-- Failed logins per username, read by the login throttle (src/server/auth/throttle.ts). The
-- key is the name as typed (lower-cased), whether or not an account has it, so a throttled
-- answer says nothing about which accounts exist. Kept in the database, not the process, so
-- every app instance behind a load balancer counts the same attempts.
-- The PostgreSQL side of SQLite migration 006.
CREATE TABLE login_throttle (
  username        TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL CHECK (failures >= 0),
  last_failure_at TEXT NOT NULL,
  locked_until    TEXT
);
