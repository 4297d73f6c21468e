/**
 * `descent/generative`: models that learn a distribution and sample from it — autoencoders
 * and VAEs, GANs, DDPM diffusion with DDIM sampling, RealNVP normalizing flows — and a sample-quality statistic.
 *
 * ```ts
 * import { noiseSchedule, ddpmLoss, ddimSample, Denoiser } from 'descent/generative';
 * const sched = noiseSchedule(100, 'cosine');
 * const net = new Denoiser(2);
 * const loss = ddpmLoss((x, t) => net.forward(x, t), batch, sched);
 * ```
 */
export { reparameterize, gaussianKL, vaeLoss, mlp, Autoencoder, VAE, type VaeLossOptions, type VaeLossTerms } from './vae.js';
export { discriminatorLoss, generatorLoss, gradientPenalty, ringOfGaussians, modeCoverage, type RingOptions, type ModeCoverage } from './gan.js';
export {
  noiseSchedule, qSample, ddpmLoss, ddpmStep, ddimStep, ddpmSample, ddimSample, timestepEmbedding, Denoiser,
  type NoiseSchedule, type ScheduleOptions, type EpsModel, type SampleOptions,
} from './diffusion.js';
export { energyDistance, classifierSampleStats, type ClassifierSampleStats } from './metrics.js';
export { AffineCoupling, RealNVP, gaussianLogProb, type CouplingOptions, type RealNVPOptions } from './flow.js';
