/**
 * The baselines a recommender has to beat: recommend what is popular, or what is rated
 * highest on average. Both give every user the same list (minus what they have seen).
 */
import { Recommender } from './base.js';
import { checkInteractions, checkParam, type Interactions, toCsr } from './interactions.js';

/**
 * Scores each item by how many users interacted with it.
 *
 * @example
 * ```ts
 * import { Popularity } from 'descent/recommend';
 * new Popularity().fit(train).recommend(0, 10);
 * ```
 */
export class Popularity extends Recommender {
  counts_ = new Float64Array(0);
  protected get owner(): string {
    return 'Popularity';
  }
  fit(data: Interactions): this {
    checkInteractions('Popularity.fit', data);
    this.counts_ = new Float64Array(data.nItems);
    for (let n = 0; n < data.items.length; n++) this.counts_[data.items[n]]++;
    this.seen_ = toCsr(data, true);
    return this;
  }
  scoreUser(): Float64Array {
    this.fitted();
    return Float64Array.from(this.counts_);
  }
}

/** Hyper-parameters of `ItemMean`. */
export interface ItemMeanParams {
  /**
   * m pseudo-ratings at the global mean μ added to each item: (Σr + m·μ)/(n + m).
   * 0 is the raw mean, which puts items with a single 5-star rating on top (default 0).
   */
  damping?: number;
}

/**
 * Scores (and predicts) each item by its (optionally damped) mean rating; unrated items
 * get the global mean.
 *
 * @example
 * ```ts
 * import { ItemMean } from 'descent/recommend';
 * new ItemMean({ damping: 5 }).fit(train).predict([0], [3]);
 * ```
 */
export class ItemMean extends Recommender {
  readonly params: Required<ItemMeanParams>;
  means_ = new Float64Array(0);
  constructor(params: ItemMeanParams = {}) {
    super();
    this.params = { damping: 0, ...params };
  }
  protected get owner(): string {
    return 'ItemMean';
  }
  fit(data: Interactions): this {
    const m = this.params.damping;
    checkParam('ItemMean', 'damping', m, Number.isFinite(m) && m >= 0, 'a number >= 0');
    checkInteractions('ItemMean.fit', data);
    const sum = new Float64Array(data.nItems);
    const cnt = new Float64Array(data.nItems);
    let mu = 0;
    for (let n = 0; n < data.items.length; n++) {
      sum[data.items[n]] += data.values[n];
      cnt[data.items[n]]++;
      mu += data.values[n];
    }
    mu /= data.items.length;
    this.means_ = sum.map((s, i) => (cnt[i] + m > 0 ? (s + m * mu) / (cnt[i] + m) : mu));
    this.seen_ = toCsr(data, true);
    return this;
  }
  scoreUser(): Float64Array {
    this.fitted();
    return Float64Array.from(this.means_);
  }
}
