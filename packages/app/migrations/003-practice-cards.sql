-- Interview practice: each bank question's spaced-repetition card (FSRS, via ts-fsrs), and
-- more about each review in the log that 002 created. A card row appears the first time a
-- question is rated; questions never rated are "new". Question ids are the bank's
-- (interview/*.md), never renamed, so progress survives edits to the bank.

CREATE TABLE practice_cards (
  question_id    TEXT PRIMARY KEY,
  card           TEXT NOT NULL,          -- JSON: the ts-fsrs Card after the latest scheduling review
  due_at         TEXT NOT NULL,          -- copied from card.due, for "what is due" queries
  state          INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),   -- new, learning, review, relearning
  first_seen_at  TEXT NOT NULL,
  last_review_at TEXT NOT NULL
);
CREATE INDEX practice_cards_by_due ON practice_cards (due_at);

-- How the review was made: 'review' (scheduled; moves the card), 'cram' (ignores the
-- schedule; logged only) or 'mock' (a mock interview; logged only), the learner's written
-- answer if any, and the time spent on the card.
ALTER TABLE practice_reviews ADD COLUMN mode TEXT NOT NULL DEFAULT 'review';
ALTER TABLE practice_reviews ADD COLUMN answer TEXT;
ALTER TABLE practice_reviews ADD COLUMN duration_ms INTEGER;
CREATE INDEX practice_reviews_by_time ON practice_reviews (reviewed_at);

-- Learner settings for practice: new cards per day, an interview date.
CREATE TABLE practice_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
