// ml-knn ships no types; the part of its API the k-NN bench uses.
declare module 'ml-knn' {
  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: { k?: number });
    predict(points: number[][]): number[];
  }
}
