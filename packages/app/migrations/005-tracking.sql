-- Experiment tracking (descent/track) in the app's own tables, each row with the user who owns
-- it. The tables are the ones `SQLiteTrackStore` (descent/node) creates, with a `user_id`
-- column added, so there is still one schema and no import step: a Node script that passes
-- this file to `SQLiteTrackStore` writes rows without `user_id`, which default to 0, the one
-- person of the embedded mode, and their runs show on that person's Runs page as the script
-- writes them. The app writes learners' runs (POST /api/runs) with their own user id.
--
-- A script may have created the tables before this migration ran, so they are created here
-- in that older shape if missing, renamed out of the way and copied into the new shape (as 004
-- does: SQLite cannot change a primary key in place). The old tables are renamed rather than
-- dropped last: dropping a table named track_runs would cascade its deletes into the new
-- tables, whose foreign keys name track_runs.

CREATE TABLE IF NOT EXISTS track_runs (
  run_id TEXT PRIMARY KEY, experiment TEXT NOT NULL, name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')), start_time REAL NOT NULL, end_time REAL);
CREATE TABLE IF NOT EXISTS track_params (run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
CREATE TABLE IF NOT EXISTS track_tags (run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
CREATE TABLE IF NOT EXISTS track_metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL, value REAL, timestamp REAL NOT NULL);
CREATE TABLE IF NOT EXISTS track_artifacts (
  run_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (run_id, name));
CREATE TABLE IF NOT EXISTS track_model_versions (
  name TEXT NOT NULL, version INTEGER NOT NULL, stage TEXT NOT NULL, run_id TEXT, artifact TEXT, data_hash TEXT,
  description TEXT NOT NULL, created_at REAL NOT NULL, PRIMARY KEY (name, version));

DROP INDEX IF EXISTS track_runs_by_experiment;
DROP INDEX IF EXISTS track_metrics_by_run;
ALTER TABLE track_runs RENAME TO old_track_runs;
ALTER TABLE track_params RENAME TO old_track_params;
ALTER TABLE track_tags RENAME TO old_track_tags;
ALTER TABLE track_metrics RENAME TO old_track_metrics;
ALTER TABLE track_artifacts RENAME TO old_track_artifacts;
ALTER TABLE track_model_versions RENAME TO old_track_model_versions;

-- Run ids are random 128-bit hex strings made by the client (as MLflow's are), so they stay
-- unique across learners and the child tables keep SQLiteTrackStore's keys (run_id, key).
CREATE TABLE track_runs (
  run_id     TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL DEFAULT 0,
  experiment TEXT NOT NULL,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
  start_time REAL NOT NULL,              -- milliseconds since the epoch
  end_time   REAL
);
INSERT INTO track_runs (run_id, experiment, name, status, start_time, end_time)
  SELECT run_id, experiment, name, status, start_time, end_time FROM old_track_runs;

CREATE TABLE track_params (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id INTEGER NOT NULL DEFAULT 0,
  key TEXT NOT NULL, value TEXT NOT NULL,   -- JSON
  PRIMARY KEY (run_id, key));
INSERT INTO track_params (run_id, key, value) SELECT run_id, key, value FROM old_track_params;

CREATE TABLE track_tags (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id INTEGER NOT NULL DEFAULT 0,
  key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
INSERT INTO track_tags (run_id, key, value) SELECT run_id, key, value FROM old_track_tags;

CREATE TABLE track_metrics (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id INTEGER NOT NULL DEFAULT 0,
  key TEXT NOT NULL, step INTEGER NOT NULL,
  value REAL,                              -- NULL stores NaN (SQLite has no NaN)
  timestamp REAL NOT NULL);
INSERT INTO track_metrics (run_id, key, step, value, timestamp) SELECT run_id, key, step, value, timestamp FROM old_track_metrics;

CREATE TABLE track_artifacts (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL, kind TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (run_id, name));
INSERT INTO track_artifacts (run_id, name, kind, media_type, size, data) SELECT run_id, name, kind, media_type, size, data FROM old_track_artifacts;

-- Model names are each learner's own: two learners may both register 'credit-risk' v1.
CREATE TABLE track_model_versions (
  user_id     INTEGER NOT NULL DEFAULT 0,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  run_id      TEXT REFERENCES track_runs (run_id) ON DELETE SET NULL,
  artifact    TEXT,
  data_hash   TEXT,
  description TEXT NOT NULL,
  created_at  REAL NOT NULL,
  PRIMARY KEY (user_id, name, version));
INSERT INTO track_model_versions (name, version, stage, run_id, artifact, data_hash, description, created_at)
  SELECT name, version, stage, run_id, artifact, data_hash, description, created_at FROM old_track_model_versions;

-- Children before their parent: nothing references old_track_runs by then.
DROP TABLE old_track_model_versions;
DROP TABLE old_track_artifacts;
DROP TABLE old_track_metrics;
DROP TABLE old_track_tags;
DROP TABLE old_track_params;
DROP TABLE old_track_runs;

-- SQLiteTrackStore creates its indexes "IF NOT EXISTS" by these names, so they must exist already.
CREATE INDEX track_runs_by_experiment ON track_runs (user_id, experiment, start_time);
CREATE INDEX track_metrics_by_run ON track_metrics (run_id, key, step);
