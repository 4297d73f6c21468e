/**
 * The RL playground's training worker: one `start` message trains PPO or DQN on CartPole
 * (see cartpole-training.ts) and streams episodes and progress back. Training is one
 * synchronous call, so a message sent during it would wait until it ends: the page stops
 * training by terminating the worker instead.
 */
import { trainCartPole, type TrainMessage, type TrainRequest } from './cartpole-training.js';

const post = (m: TrainMessage) => (self as unknown as Worker).postMessage(m);

self.addEventListener('message', (e: MessageEvent<{ type: 'start'; request: TrainRequest }>) => {
  try {
    trainCartPole(e.data.request, post);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
