/** Support vector machines (sklearn.svm): SVC, SVR, LinearSVC, LinearSVR, and the SMO solver behind them. */
export { BaseSVC, SVC, type BaseSVCParams, type SVCParams } from './svc.js';
export { NuSVC, type NuSVCParams } from './nu-svc.js';
export { SVR, type SVRParams } from './svr.js';
export { LinearSVC, LinearSVR, type LinearSVCParams, type LinearSVRParams } from './linear-svm.js';
export { OneClassSVM, type OneClassSVMParams } from './one-class.js';
export { smo, type SmoProblem, type SmoResult } from './smo.js';
export { KernelCache, kernelFunction, kernelRow, resolveGamma, type KernelFn, type KernelName, type KernelParams } from './kernels.js';
