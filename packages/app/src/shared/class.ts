/** What the class-mode API sends: the signed-in user, and the instructor's class progress. */
export type Role = 'learner' | 'instructor';

export interface MeView {
  /** `single`: one person, no login; `class`: accounts and sessions. */
  mode: 'single' | 'class';
  user: { id: number; username: string; role: Role } | null;
}

export interface ClassLessonProgress { cellsRun: number; exercisesSolved: number; completed: boolean }

export interface ClassLearner {
  id: number;
  username: string;
  /** Only lessons the learner has touched. */
  lessons: Record<string, ClassLessonProgress>;
  lessonsCompleted: number;
  practice: { reviews: number; reviewsLast7Days: number; questionsSeen: number; retention: number | null; lastReviewAt: string | null };
  /** Experiment runs the learner's cells logged (descent/track); the instructor reads them at /runs?learner=<id>. */
  runs: number;
}

export interface ClassProgressView {
  lessons: { id: string; number: number; title: string; cells: number; exercises: number }[];
  learners: ClassLearner[];
}
