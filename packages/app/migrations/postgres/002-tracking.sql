-- Experiment tracking (descent/track), as SQLite's 005 ends with: every row carries the user
-- who owns it. Times are milliseconds since the epoch (double precision, as in the library);
-- a NaN metric is stored as NULL, as in SQLite.

CREATE TABLE track_runs (
  run_id     TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL DEFAULT 0,
  experiment TEXT NOT NULL,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
  start_time DOUBLE PRECISION NOT NULL,
  end_time   DOUBLE PRECISION
);
CREATE INDEX track_runs_by_experiment ON track_runs (user_id, experiment, start_time);
CREATE TABLE track_params (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id BIGINT NOT NULL DEFAULT 0,
  key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
CREATE TABLE track_tags (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id BIGINT NOT NULL DEFAULT 0,
  key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
CREATE TABLE track_metrics (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id BIGINT NOT NULL DEFAULT 0,
  key TEXT NOT NULL, step INTEGER NOT NULL, value DOUBLE PRECISION, timestamp DOUBLE PRECISION NOT NULL);
CREATE INDEX track_metrics_by_run ON track_metrics (run_id, key, step);
CREATE TABLE track_artifacts (
  run_id TEXT NOT NULL REFERENCES track_runs (run_id) ON DELETE CASCADE, user_id BIGINT NOT NULL DEFAULT 0,
  name TEXT NOT NULL, kind TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, data BYTEA NOT NULL,
  PRIMARY KEY (run_id, name));
CREATE TABLE track_model_versions (
  user_id     BIGINT NOT NULL DEFAULT 0,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  run_id      TEXT REFERENCES track_runs (run_id) ON DELETE SET NULL,
  artifact    TEXT,
  data_hash   TEXT,
  description TEXT NOT NULL,
  created_at  DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (user_id, name, version));
