// ml-cart and ml-svm ship no types; the parts of their APIs the classical-ML bench uses.
declare module 'ml-cart' {
  export class DecisionTreeClassifier {
    constructor(options?: { gainFunction?: 'gini'; maxDepth?: number; minNumSamples?: number });
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
  }
}
declare module 'ml-svm' {
  export default class SVM {
    constructor(options?: { C?: number; tol?: number; maxPasses?: number; maxIterations?: number; kernel?: string; kernelOptions?: Record<string, number>; whitening?: boolean; random?: () => number });
    /** Binary: labels in {−1, 1}. */
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
  }
}
