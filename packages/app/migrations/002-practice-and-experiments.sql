-- Tables for what comes after the lessons: interview-practice reviews scheduled by
-- spaced repetition, and experiment runs from the playgrounds and tuning studies.
-- Created now so later features add columns by migration instead of new databases.

CREATE TABLE practice_reviews (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id TEXT NOT NULL,
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),   -- FSRS: again, hard, good, easy
  state       TEXT NOT NULL,             -- JSON: the scheduler's memory state after the review
  due_at      TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
);
CREATE INDEX practice_reviews_by_question ON practice_reviews (question_id, id);

CREATE TABLE experiment_runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  source      TEXT NOT NULL,             -- e.g. 'playground/nn'
  config      TEXT NOT NULL,             -- JSON
  metrics     TEXT NOT NULL,             -- JSON
  created_at  TEXT NOT NULL
);
