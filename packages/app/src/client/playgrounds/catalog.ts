/**
 * The playgrounds and the lessons that teach what each one shows, so a lesson links to its
 * playgrounds and a playground to its lessons (both directions come from this one list).
 */
export interface PlaygroundInfo {
  name: string;
  title: string;
  summary: string;
  /** Lesson ids (`NN-slug`), in curriculum order. */
  lessons: readonly string[];
}

export const PLAYGROUNDS: readonly PlaygroundInfo[] = [
  {
    name: 'nn', title: 'Neural network', summary: 'Train a small network on 2-D data and watch its decision boundary form, layer by layer.',
    lessons: ['21-neural-network-from-scratch', '22-activations-and-initialization'],
  },
  {
    name: 'optimizers', title: 'Optimizers', summary: 'Race SGD, momentum, RMSprop and Adam down the same loss surface.',
    lessons: ['03-calculus', '23-optimizers-and-schedules'],
  },
  {
    name: 'boundaries', title: 'Decision boundaries', summary: 'Compare how different classifiers split the same points.',
    lessons: ['12-logistic-regression', '13-neighbours-and-naive-bayes', '14-decision-trees', '17-support-vector-machines'],
  },
  {
    name: 'convolution', title: 'Convolution', summary: 'Slide a kernel over an image and see what edges, blurs and sharpening do.',
    lessons: ['25-convolutional-networks'],
  },
  {
    name: 'tree', title: 'Decision tree', summary: 'Grow a tree one split at a time and watch the plane being cut and the impurity fall.',
    lessons: ['14-decision-trees', '15-bagging-and-random-forests'],
  },
  {
    name: 'clustering', title: 'k-means and Gaussian mixtures', summary: 'Step through k-means++ seeding, assign and update, and EM with its ellipses.',
    lessons: ['18-clustering'],
  },
  {
    name: 'rl', title: 'Reinforcement learning', summary: 'Edit a grid world and watch value iteration and Q-learning solve it; train CartPole live in the page.',
    lessons: ['35-decision-processes', '36-value-based-rl', '37-policy-based-rl'],
  },
  {
    name: 'hypothesis', title: 'Hypothesis testing', summary: 'Draw two samples, see the null distribution, and watch the p-value and the power move with effect size and n.',
    lessons: ['06-statistics-for-ml', '07-bayesian-inference'],
  },
  {
    name: 'forecasting', title: 'Forecasting', summary: 'Pick a series and a model, forecast held-out points and see the prediction interval.',
    lessons: ['38-time-series-foundations', '39-forecasting'],
  },
  {
    name: 'diffusion', title: 'Diffusion', summary: 'Watch 2-D points dissolve into noise step by step, then DDPM or DDIM sampling bring fresh noise back; change the schedule.',
    lessons: ['30-generative-models'],
  },
  {
    name: 'embeddings', title: 'Word embeddings', summary: 'Train Word2Vec on real e-mails in the page, then ask for a word\'s neighbours and for analogies, drawn in 2-D.',
    lessons: ['32-representing-text'],
  },
];

/** The playgrounds that show what lesson `id` teaches. */
export function playgroundsFor(lessonId: string): PlaygroundInfo[] {
  return PLAYGROUNDS.filter((p) => p.lessons.includes(lessonId));
}
