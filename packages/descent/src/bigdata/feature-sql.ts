/**
 * The SQL of the event feature pipeline: the generator of a synthetic click-stream (DuckDB
 * SQL, deterministic: every random draw is a hash of the row number, so the data do not
 * depend on the number of threads), the per-user feature query, and the same feature query
 * as Spark SQL would run it. Strings only, so the browser-safe library can show them;
 * `descent/node`'s `openDuckDB` and `tools/bigdata/` run them.
 *
 * The simulation: each user has a hidden propensity `p` in [0, 1). An event belongs to user
 * `floor(U·u²)` (u uniform, so low ids are busier: activity is skewed, as it is in real
 * logs); it is a purchase with probability 0.02 + 0.10·p, an add-to-cart with 0.08 + 0.12·p,
 * else a page view; purchases have an amount. The label, whether the user buys in the week
 * after the 28 observed days, is drawn with probability sigmoid(4p − 2.5): a model has to
 * recover `p` from the user's behaviour.
 */

/** Users and events of a given scale: `scale` million events (scale 300 ≈ 3 GB of Parquet). */
export function eventScale(scale: number): { events: number; users: number } {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`eventScale: scale must be a positive number; got ${scale}`);
  const events = Math.round(scale * 1e6);
  return { events, users: Math.round(Math.min(200_000, Math.max(2_000, events / 200))) };
}

// A uniform draw in [0, 1) from row i and a salt (a distinct offset per draw, far beyond any
// row number): DuckDB's 64-bit `hash` of the integer, top 24 bits.
const uniform = (expr: string, salt: number) => `((hash(${expr} + ${salt * 1_000_000_007}) >> 40)::DOUBLE / 16777216.0)`;

/** The user's hidden propensity, a function of the id alone. */
const propensity = (id: string) => uniform(id, 7);

/**
 * DuckDB SQL selecting events `lo` ≤ i < `hi` of a data set with `users` users (columns:
 * user_id INTEGER, ts TIMESTAMP, event_type VARCHAR, amount DOUBLE, device VARCHAR).
 */
export function eventsSql(lo: number, hi: number, users: number): string {
  return `
WITH draws AS (
  SELECT i,
         floor(${users} * pow(${uniform('i', 1)}, 2))::INTEGER AS user_id,
         ${uniform('i', 2)} AS u_type,
         ${uniform('i', 3)} AS u_time,
         ${uniform('i', 4)} AS u_amount,
         (hash(i + 5000000035) % 3)::BIGINT AS d
  FROM range(${lo}, ${hi}) r(i)
)
SELECT user_id,
       TIMESTAMP '2024-01-01' + to_microseconds((u_time * 28 * 86400e6)::BIGINT) AS ts,
       CASE WHEN u_type < 0.02 + 0.10 * ${propensity('user_id')} THEN 'purchase'
            WHEN u_type < 0.10 + 0.22 * ${propensity('user_id')} THEN 'cart'
            ELSE 'view' END AS event_type,
       CASE WHEN u_type < 0.02 + 0.10 * ${propensity('user_id')} THEN round(5 + 95 * u_amount, 2) ELSE 0 END AS amount,
       ['web', 'ios', 'android'][d + 1] AS device
FROM draws`;
}

/** DuckDB SQL for the labels of every user: user_id, converted (0 or 1). */
export function labelsSql(users: number): string {
  return `
SELECT u::INTEGER AS user_id,
       (${uniform('u', 11)} < 1 / (1 + exp(-(4 * ${propensity('u')} - 2.5))))::INTEGER AS converted
FROM range(0, ${users}) t(u)`;
}

/**
 * The per-user features, joined with the labels, as two GROUP BYs in a chain and one join:
 * every step streams and can spill to disk. `events` and `labels` are table expressions
 * (`read_parquet('dir/*.parquet')`).
 *
 * The first GROUP BY, by (user, day), shrinks the events many fold like a combiner; it keeps
 * the devices seen that day as a bit mask (`bit_or` of one bit per device, as lesson 43's
 * from-scratch pipeline does). The second, by user, sums those rows, counts them as the
 * active days and counts the mask's bits as the devices. Two earlier versions ran out of
 * memory in DuckDB 1.5.6: one GROUP BY with `count(DISTINCT day)` and
 * `count(DISTINCT device)` (a set of values kept per user) at scale 30 under
 * `memory_limit = '128MB'`; and a version whose (user, day, device) table was read by three
 * later GROUP BYs, which DuckDB materializes in memory, at scale 300 under 1 GB. Each
 * intermediate result here is read once.
 *
 * ```ts
 * featuresSql("read_parquet('events/*.parquet')", "read_parquet('labels.parquet')");
 * ```
 */
export function featuresSql(events: string, labels: string): string {
  return `
WITH daily AS (            -- one row per user and day, devices as a bit mask
  SELECT user_id, date_trunc('day', ts) AS day,
         count(*)                                        AS n,
         count(*) FILTER (WHERE event_type = 'cart')     AS carts,
         count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
         sum(amount)                                     AS revenue,
         max(ts)                                         AS last_ts,
         bit_or(CASE device WHEN 'web' THEN 1 WHEN 'ios' THEN 2 WHEN 'android' THEN 4 ELSE 8 END) AS devices
  FROM ${events}
  GROUP BY user_id, day
),
per_user AS (
  SELECT user_id, sum(n) AS n_events, sum(carts) AS n_carts, sum(purchases) AS n_purchases,
         sum(revenue) AS revenue, max(last_ts) AS last_ts,
         count(*) AS active_days, bit_count(bit_or(devices))::BIGINT AS n_devices
  FROM daily GROUP BY user_id
)
SELECT p.user_id,
       p.n_events, p.n_carts, p.n_purchases,
       p.n_carts / p.n_events                              AS cart_rate,
       p.n_purchases / p.n_events                          AS purchase_rate,
       p.revenue, p.active_days, p.n_devices,
       date_diff('hour', p.last_ts, TIMESTAMP '2024-01-29') AS hours_since_last,
       l.converted
FROM per_user p
JOIN ${labels} AS l USING (user_id)
ORDER BY p.user_id`;
}

/** The feature columns `featuresSql` returns, in order (then `converted`, the label). */
export const FEATURE_COLUMNS = ['n_events', 'n_carts', 'n_purchases', 'cart_rate', 'purchase_rate', 'revenue', 'active_days', 'n_devices', 'hours_since_last'] as const;

/**
 * The same query for Spark SQL (3.3 or later), for when the events outgrow one machine:
 * the tables are Parquet directories on shared storage, and Spark plans the GROUP BY as a
 * partial aggregation on every executor (the combiner), a shuffle by hash of `user_id`, and
 * a final aggregation, and the join as a shuffle (or broadcast) join. Only the date
 * functions are spelled differently. Not run here: Descent has no Spark.
 */
export const SPARK_FEATURES_SQL = `
WITH daily AS (            -- one row per user and day, devices as a bit mask
  SELECT user_id, date_trunc('DAY', ts) AS day,
         count(*)                                        AS n,
         count(*) FILTER (WHERE event_type = 'cart')     AS carts,
         count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
         sum(amount)                                     AS revenue,
         max(ts)                                         AS last_ts,
         bit_or(CASE device WHEN 'web' THEN 1 WHEN 'ios' THEN 2 WHEN 'android' THEN 4 ELSE 8 END) AS devices
  FROM parquet.\`s3a://bucket/events/\`
  GROUP BY user_id, date_trunc('DAY', ts)
),
per_user AS (
  SELECT user_id, sum(n) AS n_events, sum(carts) AS n_carts, sum(purchases) AS n_purchases,
         sum(revenue) AS revenue, max(last_ts) AS last_ts,
         count(*) AS active_days, bit_count(bit_or(devices)) AS n_devices
  FROM daily GROUP BY user_id
)
SELECT p.user_id,
       p.n_events, p.n_carts, p.n_purchases,
       p.n_carts / p.n_events                              AS cart_rate,
       p.n_purchases / p.n_events                          AS purchase_rate,
       p.revenue, p.active_days, p.n_devices,
       timestampdiff(HOUR, p.last_ts, TIMESTAMP '2024-01-29') AS hours_since_last,
       l.converted
FROM per_user p
JOIN parquet.\`s3a://bucket/labels/\` AS l USING (user_id)`;
