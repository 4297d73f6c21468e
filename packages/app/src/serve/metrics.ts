/**
 * The service's metrics in Prometheus's text exposition format (version 0.0.4): counters of
 * requests and predictions, and a histogram of request latency with cumulative `le`
 * buckets, `_sum` and `_count`, from which Prometheus computes quantiles such as p99
 * (`histogram_quantile(0.99, rate(..._bucket[5m]))`).
 */

/** Latency bucket bounds in seconds (Prometheus client libraries' defaults, plus finer ones below 5 ms). */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

/** Counters and one latency histogram per route. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly hist = new Map<string, { buckets: number[]; sum: number; count: number }>();
  predictions = 0;

  /** Records one finished request. */
  observe(route: string, status: number, seconds: number): void {
    const key = JSON.stringify([route, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.hist.get(route);
    if (!h) this.hist.set(route, (h = { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) h.buckets[i]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  /** The text Prometheus scrapes from /metrics. */
  render(model: string): string {
    const m = { model };
    const out = [
      '# HELP descent_predictions_total Rows predicted.',
      '# TYPE descent_predictions_total counter',
      `descent_predictions_total${labels(m)} ${this.predictions}`,
      '# HELP descent_http_requests_total Requests answered, by route and status code.',
      '# TYPE descent_http_requests_total counter',
    ];
    for (const [key, n] of this.requests) {
      const [route, status] = JSON.parse(key) as [string, string];
      out.push(`descent_http_requests_total${labels({ ...m, route, status })} ${n}`);
    }
    out.push('# HELP descent_http_request_duration_seconds Time from receiving a request to sending its response.',
      '# TYPE descent_http_request_duration_seconds histogram');
    for (const [route, h] of this.hist) {
      LATENCY_BUCKETS.forEach((le, i) => out.push(`descent_http_request_duration_seconds_bucket${labels({ ...m, route, le: String(le) })} ${h.buckets[i]}`));
      out.push(`descent_http_request_duration_seconds_bucket${labels({ ...m, route, le: '+Inf' })} ${h.count}`);
      out.push(`descent_http_request_duration_seconds_sum${labels({ ...m, route })} ${h.sum}`);
      out.push(`descent_http_request_duration_seconds_count${labels({ ...m, route })} ${h.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}
