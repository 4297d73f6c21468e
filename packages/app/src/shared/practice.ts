/** The practice API's JSON, shared by the server and the client. (Types only.) */

export interface QuestionView {
  id: string;
  topic: string;
  topicTitle: string;
  kind: string;
  difficulty: string;
  lessons: number[];
  /** The question as written (Markdown), and rendered. */
  question: string;
  questionHtml: string;
  /** The model answer: the short version first, then the depth. */
  shortHtml: string;
  depthHtml: string;
  keyPoints: string[];
  pitfalls: string[];
  followUps: string[];
  /** Coding questions: the starter the learner edits, the model solution, and the tests. */
  code?: { starter: string; solution: string; test: string };
  source: string;
}

export interface CardView extends QuestionView {
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  due: string | null;
  /** Chance of recalling the answer now (0 for a new card). */
  recall: number;
}

export interface PracticeSettingsView {
  newPerDay: number;
  interviewDate: string | null;
}

export interface PracticeStatsView {
  total: number;
  seen: number;
  due: number;
  reviewedToday: number;
  newToday: number;
  streak: number;
  /** Share of scheduled reviews of already-seen cards in the last 30 days not rated "again" (null: none yet). */
  retention: number | null;
  mastery: Record<string, number>;
  forecast: number[];
}

export interface PracticeSummary {
  stats: PracticeStatsView;
  settings: PracticeSettingsView;
  topics: { id: string; title: string; count: number }[];
  lessons: number[];
}

export type PracticeMode = 'review' | 'cram' | 'interview';
export type ReviewMode = 'review' | 'cram' | 'mock';
