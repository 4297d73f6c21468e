-- A class on one server: every learner's rows carry their user id (0 is the one person of
-- the embedded, no-login mode), and the accounts, sessions and invite codes of class mode.
-- SQLite cannot change a primary key in place, so the keyed tables are copied into new ones.

CREATE TABLE lesson_progress_new (
  user_id INTEGER NOT NULL DEFAULT 0, lesson_id TEXT NOT NULL, opened_at TEXT NOT NULL, visited_at TEXT NOT NULL, completed_at TEXT,
  PRIMARY KEY (user_id, lesson_id));
INSERT INTO lesson_progress_new (lesson_id, opened_at, visited_at, completed_at) SELECT lesson_id, opened_at, visited_at, completed_at FROM lesson_progress;
DROP TABLE lesson_progress;
ALTER TABLE lesson_progress_new RENAME TO lesson_progress;

CREATE TABLE cell_runs_new (
  user_id INTEGER NOT NULL DEFAULT 0, lesson_id TEXT NOT NULL, cell_index INTEGER NOT NULL CHECK (cell_index >= 1),
  runs INTEGER NOT NULL DEFAULT 1, last_run_at TEXT NOT NULL, PRIMARY KEY (user_id, lesson_id, cell_index));
INSERT INTO cell_runs_new (lesson_id, cell_index, runs, last_run_at) SELECT lesson_id, cell_index, runs, last_run_at FROM cell_runs;
DROP TABLE cell_runs;
ALTER TABLE cell_runs_new RENAME TO cell_runs;

CREATE TABLE cell_edits_new (
  user_id INTEGER NOT NULL DEFAULT 0, lesson_id TEXT NOT NULL, cell_index INTEGER NOT NULL CHECK (cell_index >= 1),
  code TEXT NOT NULL, original_hash TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (user_id, lesson_id, cell_index));
INSERT INTO cell_edits_new (lesson_id, cell_index, code, original_hash, updated_at) SELECT lesson_id, cell_index, code, original_hash, updated_at FROM cell_edits;
DROP TABLE cell_edits;
ALTER TABLE cell_edits_new RENAME TO cell_edits;

CREATE TABLE exercises_solved_new (
  user_id INTEGER NOT NULL DEFAULT 0, lesson_id TEXT NOT NULL, exercise_id TEXT NOT NULL, solved_at TEXT NOT NULL,
  PRIMARY KEY (user_id, lesson_id, exercise_id));
INSERT INTO exercises_solved_new (lesson_id, exercise_id, solved_at) SELECT lesson_id, exercise_id, solved_at FROM exercises_solved;
DROP TABLE exercises_solved;
ALTER TABLE exercises_solved_new RENAME TO exercises_solved;

CREATE TABLE practice_cards_new (
  user_id INTEGER NOT NULL DEFAULT 0, question_id TEXT NOT NULL, card TEXT NOT NULL, due_at TEXT NOT NULL,
  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3), first_seen_at TEXT NOT NULL, last_review_at TEXT NOT NULL,
  PRIMARY KEY (user_id, question_id));
INSERT INTO practice_cards_new (question_id, card, due_at, state, first_seen_at, last_review_at)
  SELECT question_id, card, due_at, state, first_seen_at, last_review_at FROM practice_cards;
DROP TABLE practice_cards;
ALTER TABLE practice_cards_new RENAME TO practice_cards;
CREATE INDEX practice_cards_by_due ON practice_cards (user_id, due_at);

CREATE TABLE practice_settings_new (
  user_id INTEGER NOT NULL DEFAULT 0, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (user_id, key));
INSERT INTO practice_settings_new (key, value) SELECT key, value FROM practice_settings;
DROP TABLE practice_settings;
ALTER TABLE practice_settings_new RENAME TO practice_settings;

ALTER TABLE exercise_attempts ADD COLUMN user_id INTEGER NOT NULL DEFAULT 0;
DROP INDEX exercise_attempts_by_exercise;
CREATE INDEX exercise_attempts_by_exercise ON exercise_attempts (user_id, lesson_id, exercise_id, id);
ALTER TABLE practice_reviews ADD COLUMN user_id INTEGER NOT NULL DEFAULT 0;
DROP INDEX practice_reviews_by_question;
CREATE INDEX practice_reviews_by_question ON practice_reviews (user_id, question_id, id);
DROP INDEX practice_reviews_by_time;
CREATE INDEX practice_reviews_by_time ON practice_reviews (user_id, reviewed_at);

-- Accounts of class mode. password is scrypt's output with its salt and cost (auth/password.ts).
CREATE TABLE users (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  username   TEXT NOT NULL UNIQUE,
  password   TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('learner', 'instructor')),
  created_at TEXT NOT NULL
);
-- A session is a random token in an HttpOnly cookie; only its SHA-256 is stored, so a copy of
-- the database does not let anyone log in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
-- Invite codes an instructor hands out: sign-up with one creates an account with its role.
CREATE TABLE invites (
  code_hash  TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('learner', 'instructor')),
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  uses_left  INTEGER NOT NULL CHECK (uses_left >= 0),
  expires_at TEXT NOT NULL
);
