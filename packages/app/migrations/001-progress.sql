-- The learner's work: which cells they ran, what they changed in cells, and every
-- exercise attempt. Lessons are files in the repository, so rows refer to them by id
-- (`03-calculus`) and cell index (1-based, as the lesson runner numbers cells).

CREATE TABLE lesson_progress (
  lesson_id   TEXT PRIMARY KEY,
  opened_at   TEXT NOT NULL,             -- first time the lesson page was opened (ISO 8601)
  visited_at  TEXT NOT NULL,             -- last time
  completed_at TEXT                      -- every cell run and every exercise solved
);

-- One row per cell that ran without an error at least once.
CREATE TABLE cell_runs (
  lesson_id  TEXT NOT NULL,
  cell_index INTEGER NOT NULL CHECK (cell_index >= 1),
  runs       INTEGER NOT NULL DEFAULT 1,
  last_run_at TEXT NOT NULL,
  PRIMARY KEY (lesson_id, cell_index)
);

-- The learner's current version of a cell. No row means the lesson's own code.
-- `original_hash` is a hash of the lesson's code when the edit was saved, so the app can
-- say "this cell changed in the lesson since you edited it".
CREATE TABLE cell_edits (
  lesson_id     TEXT NOT NULL,
  cell_index    INTEGER NOT NULL CHECK (cell_index >= 1),
  code          TEXT NOT NULL,
  original_hash TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (lesson_id, cell_index)
);

-- Every press of Check: the code that was checked and what each test said.
CREATE TABLE exercise_attempts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  lesson_id   TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  code        TEXT NOT NULL,
  passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
  tests       TEXT NOT NULL,             -- JSON: [{ name, passed, error? }]
  error       TEXT,                      -- an error outside any test, if the code threw
  created_at  TEXT NOT NULL
);
CREATE INDEX exercise_attempts_by_exercise ON exercise_attempts (lesson_id, exercise_id, id);

-- Solving is remembered separately from attempts: a later failing attempt does not unsolve.
CREATE TABLE exercises_solved (
  lesson_id   TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  solved_at   TEXT NOT NULL,
  PRIMARY KEY (lesson_id, exercise_id)
);
