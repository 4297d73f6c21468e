/**
 * Clusters from an OPTICS reachability plot, as scikit-learn's `cluster_optics_dbscan` and
 * `cluster_optics_xi`.
 *
 * The ξ method (Ankerst et al. 1999, section 4.3, Figure 19) reads the plot r (reachability
 * in visiting order, with ∞ appended): a steep downward point has r[i] ≥ r[i+1]/(1 − ξ), a
 * steep upward point r[i] ≤ (1 − ξ)·r[i+1]. A cluster starts in a steep-down area and ends
 * in a later steep-up area at about the same height. Like scikit-learn we use the paper's
 * corrected inequalities (Definition 9's steep-down test and 11-4c's comparison are
 * reversed there) and the predecessor correction of Schubert & Gertz (LWDA 2018, Algorithm 2).
 */

/**
 * DBSCAN's labels for radius eps from the OPTICS graph: walking the ordering, a sample that is
 * not reachable within eps but is itself core within eps starts a new cluster; a sample
 * neither reachable nor core is noise (−1).
 *
 * ```ts
 * clusterOpticsDbscan(op.reachability_, op.coreDistances_, op.ordering_, 0.5);
 * ```
 */
export function clusterOpticsDbscan(reachability: readonly number[], coreDistances: readonly number[], ordering: readonly number[], eps: number): number[] {
  const labels = new Array<number>(reachability.length).fill(0);
  let count = 0;
  for (const i of ordering) {
    if (reachability[i] > eps && coreDistances[i] <= eps) count++;
    labels[i] = count - 1;
  }
  for (let i = 0; i < labels.length; i++) if (reachability[i] > eps && !(coreDistances[i] <= eps)) labels[i] = -1;
  return labels;
}

interface SteepDownArea { start: number; end: number; mib: number }

/** The end of a maximal steep area from `start`: at most minSamples consecutive non-steep points, none going the other way. */
function extendRegion(steep: Uint8Array, xward: Uint8Array, start: number, minSamples: number): number {
  let nonXward = 0;
  let end = start;
  for (let index = start; index < steep.length; index++) {
    if (steep[index]) {
      nonXward = 0;
      end = index;
    } else if (!xward[index]) {
      if (++nonXward > minSamples) break; // level or gently sloping: tolerated for minSamples points
    } else {
      return end;
    }
  }
  return end;
}

/** Drops steep-down areas whose start is below the maximum in between (mib), and raises the others' mib. */
function updateFilterSdas(sdas: SteepDownArea[], mib: number, xiComplement: number, r: Float64Array): SteepDownArea[] {
  if (mib === Infinity) return [];
  const kept = sdas.filter((s) => mib <= r[s.start] * xiComplement);
  for (const s of kept) s.mib = Math.max(s.mib, mib);
  return kept;
}

/** Schubert & Gertz's Algorithm 2: shrink the end until its predecessor lies inside the cluster. */
function correctPredecessor(r: Float64Array, predPlot: readonly number[], ordering: readonly number[], s: number, e: number): [number, number] | null {
  while (s < e) {
    if (r[s] > r[e]) return [s, e];
    // scikit-learn indexes the ordering with a sample index here, and a seed's −1 wraps to the last position.
    const pe = ordering[predPlot[e] < 0 ? ordering.length + predPlot[e] : predPlot[e]];
    for (let i = s; i < e; i++) if (pe === ordering[i]) return [s, e];
    e--;
  }
  return null;
}

/**
 * The ξ clusters as [start, end] positions in the ordering (inclusive), nested clusters
 * before the clusters that contain them, and labels: each sample gets the first (smallest)
 * cluster that contains it and no earlier-labelled sample; −1 for the rest.
 *
 * ```ts
 * clusterOpticsXi(op.reachability_, op.predecessor_, op.ordering_, 5, 5, 0.05, true).clusters;
 * ```
 */
export function clusterOpticsXi(
  reachability: readonly number[], predecessor: readonly number[], ordering: readonly number[],
  minSamples: number, minClusterSize: number, xi: number, predecessorCorrection: boolean,
): { labels: number[]; clusters: [number, number][] } {
  const n = ordering.length;
  // The plot in visiting order, with ∞ appended so a cluster can end at the last sample.
  const r = new Float64Array(n + 1);
  ordering.forEach((o, i) => (r[i] = reachability[o]));
  r[n] = Infinity;
  // NumPy's predecessor[ordering], used as positions into the ordering below (as scikit-learn does).
  const predPlot = ordering.map((o) => predecessor[o]);
  const xiComplement = 1 - xi;
  const steepUp = new Uint8Array(n);
  const steepDown = new Uint8Array(n);
  const up = new Uint8Array(n);
  const down = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const ratio = r[i] / r[i + 1]; // ∞/∞ is NaN: no comparison holds, as with NumPy
    steepUp[i] = ratio <= xiComplement ? 1 : 0;
    steepDown[i] = ratio >= 1 / xiComplement ? 1 : 0;
    down[i] = ratio > 1 ? 1 : 0;
    up[i] = ratio < 1 ? 1 : 0;
  }
  let sdas: SteepDownArea[] = [];
  const clusters: [number, number][] = [];
  let index = 0;
  let mib = 0;
  for (let steepIndex = 0; steepIndex < n; steepIndex++) {
    if (!steepUp[steepIndex] && !steepDown[steepIndex]) continue;
    if (steepIndex < index) continue; // inside an area already found
    for (let t = index; t <= steepIndex; t++) mib = Math.max(mib, r[t]);
    sdas = updateFilterSdas(sdas, mib, xiComplement, r);
    if (steepDown[steepIndex]) {
      const end = extendRegion(steepDown, up, steepIndex, minSamples);
      sdas.push({ start: steepIndex, end, mib: 0 });
      index = end + 1;
      mib = r[index];
      continue;
    }
    const uStart = steepIndex;
    const uEnd = extendRegion(steepUp, down, uStart, minSamples);
    index = uEnd + 1;
    mib = r[index];
    const found: [number, number][] = [];
    for (const D of sdas) {
      let cStart = D.start;
      let cEnd = uEnd;
      if (r[cEnd + 1] * xiComplement < D.mib) continue; // the paper's (**), sc2*
      // Definition 11, criterion 4: level the two ends.
      const dMax = r[D.start];
      if (dMax * xiComplement >= r[cEnd + 1]) {
        while (r[cStart + 1] > r[cEnd + 1] && cStart < D.end) cStart++;
      } else if (r[cEnd + 1] * xiComplement >= dMax) {
        while (r[cEnd - 1] > dMax && cEnd > uStart) cEnd--;
      }
      if (predecessorCorrection) {
        const c = correctPredecessor(r, predPlot, ordering, cStart, cEnd);
        if (c === null) continue;
        [cStart, cEnd] = c;
      }
      if (cEnd - cStart + 1 < minClusterSize) continue; // criterion 3a
      if (cStart > D.end) continue; // criterion 1
      if (cEnd < uStart) continue; // criterion 2
      found.push([cStart, cEnd]);
    }
    clusters.push(...found.reverse()); // smaller clusters first
  }
  // Labels: the first cluster (smallest) that does not overlap an earlier one wins its positions.
  const byPos = new Array<number>(n).fill(-1);
  let label = 0;
  for (const [s, e] of clusters) {
    let free = true;
    for (let i = s; i <= e; i++) if (byPos[i] !== -1) { free = false; break; }
    if (!free) continue;
    for (let i = s; i <= e; i++) byPos[i] = label;
    label++;
  }
  const labels = new Array<number>(n).fill(-1);
  ordering.forEach((o, i) => (labels[o] = byPos[i]));
  return { labels, clusters };
}
