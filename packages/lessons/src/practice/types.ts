/**
 * The interview-question bank, as data. The bank is plain Markdown in `interview/*.md`, one
 * file per topic; see `interview/README.md` for the format and `parseBankFile` for the parser.
 */

/** The topics of the bank, in curriculum order, with the curriculum lessons each covers. */
export const TOPICS = {
  foundations: { title: 'Fundamentals and the map of AI', lessons: [1, 46] },
  math: { title: 'Linear algebra, calculus and autodiff', lessons: [2, 3, 4] },
  probability: { title: 'Probability, statistics and Bayesian inference', lessons: [5, 6, 7] },
  data: { title: 'Data preparation and big data', lessons: [8, 43] },
  evaluation: { title: 'Evaluating models', lessons: [9] },
  'linear-models': { title: 'Linear and logistic regression, regularization', lessons: [10, 11, 12] },
  classical: { title: 'Neighbours, naive Bayes, trees, ensembles and SVMs', lessons: [13, 14, 15, 16, 17] },
  unsupervised: { title: 'Clustering and dimensionality reduction', lessons: [18, 19] },
  interpretability: { title: 'Interpretability', lessons: [20] },
  'deep-learning': { title: 'Neural networks, optimizers and normalization', lessons: [21, 22, 23, 24] },
  vision: { title: 'Convolutional networks and vision', lessons: [25, 26] },
  sequences: { title: 'Recurrent networks and sequence to sequence', lessons: [27, 33] },
  transformers: { title: 'Attention and transformers', lessons: [28, 29] },
  'nlp-llm': { title: 'Text, embeddings and LLMs', lessons: [31, 32, 34] },
  generative: { title: 'Generative models', lessons: [30] },
  rl: { title: 'Reinforcement learning', lessons: [35, 36, 37] },
  'time-series': { title: 'Time series', lessons: [38, 39] },
  tuning: { title: 'Hyperparameter optimization', lessons: [40] },
  compression: { title: 'Compressing models', lessons: [41] },
  distributed: { title: 'Parallel and distributed training', lessons: [42] },
  mlops: { title: 'MLOps and recommender systems', lessons: [44, 45] },
  'system-design': { title: 'ML system design', lessons: [44, 45] },
} as const;

export type Topic = keyof typeof TOPICS;
export const KINDS = ['concept', 'math', 'coding', 'system-design', 'behavioural-technical'] as const;
export type Kind = (typeof KINDS)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** A coding question's three cells, run like a lesson exercise (starter fails, solution passes). */
export interface QuestionCode {
  starter: string;
  solution: string;
  test: string;
}

export interface Question {
  /** Unique across the bank, kebab-case: `stable-softmax`. */
  id: string;
  topic: Topic;
  kind: Kind;
  difficulty: Difficulty;
  /** Curriculum lesson numbers the question draws on (`lessons/curriculum.json`). */
  lessons: number[];
  /** The question as an interviewer asks it (Markdown with `$...$` math). */
  question: string;
  /** The short answer an interviewer wants first (Markdown). */
  short: string;
  /** The rest of the model answer: the depth (Markdown, may be empty). */
  depth: string;
  keyPoints: string[];
  /** Common wrong answers: what not to say. */
  pitfalls: string[];
  followUps: string[];
  code?: QuestionCode;
  /** Where it is written, for messages: `interview/math.md:42`. */
  source: string;
}

export interface BankFile {
  file: string;
  topic: Topic | undefined;
  questions: Question[];
  /** Format problems, each naming the file and line. */
  problems: string[];
}
