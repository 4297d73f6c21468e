/**
 * The artifacts of the runs selected on the Runs page: each one's kind, media type and size,
 * a download link, and for a raster or SVG figure a small preview. The preview fetches the
 * bytes and shows them through a `data:` URL in an `<img>`: an image element never runs a
 * script, even an SVG's, and a `data:` URL opened on its own ("open image in new tab") gets an
 * origin of its own, where a `blob:` URL would be a document of the app's origin. The download
 * itself is served as an attachment in a sandbox (server/routes/runs.ts).
 *
 * @example
 * <RunArtifacts runs={[{ runId, name: 'lr 0.5' }]} learner={undefined} />
 */
import { useEffect, useState } from 'preact/hooks';
import type { ArtifactView } from '../../shared/api.js';
import { api } from '../api.js';

/** Image types an `<img>` shows; anything else is only a download. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);
/** Larger figures are not fetched for a preview (a download still works). */
const PREVIEW_BYTES = 2_000_000;

export const formatBytes = (n: number) => (n < 1000 ? `${n} B` : n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`);

/** The blob's bytes as a `data:` URL of its type. */
const dataUrl = (blob: Blob) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(reader.result as string);
  reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
  reader.readAsDataURL(blob);
});

function Preview({ url, label }: { url: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(url).then((res) => (res.ok ? res.blob() : null)).then(async (blob) => {
      // Only the image types PREVIEWABLE names, as the server labelled the bytes.
      if (blob === null || !PREVIEWABLE.has(blob.type)) return;
      const uri = await dataUrl(blob);
      if (!cancelled) setSrc(uri);
    }).catch(() => { /* no preview; the link still downloads it */ });
    return () => { cancelled = true; };
  }, [url]);
  return src === null ? null : <img class="artifact-preview" src={src} alt={label} style={{ maxWidth: '320px', maxHeight: '200px', display: 'block' }} />;
}

export function RunArtifacts({ runs, learner }: { runs: { runId: string; name: string }[]; learner: number | undefined }) {
  const [lists, setLists] = useState<Map<string, ArtifactView[]>>(new Map());
  const [error, setError] = useState('');
  const ids = runs.map((r) => r.runId).join(',');
  useEffect(() => {
    let cancelled = false;
    Promise.all(runs.map(async (r) => [r.runId, (await api.runArtifacts(r.runId, learner)).artifacts] as const))
      .then((all) => { if (!cancelled) setLists(new Map(all)); }, (e: Error) => setError(e.message));
    return () => { cancelled = true; };
  }, [ids]);
  if (error) return <p class="error" role="alert">The artifacts could not be read: {error}</p>;
  const withArtifacts = runs.filter((r) => (lists.get(r.runId)?.length ?? 0) > 0);
  if (withArtifacts.length === 0) return <p class="muted">The selected runs logged no artifacts (<code>run.logArtifact</code>, <code>run.logModel</code>).</p>;
  return (
    <div class="outputs">
      <table aria-label="Artifacts">
        <thead><tr><th>run</th><th style={{ textAlign: 'left' }}>artifact</th><th>kind</th><th>type</th><th>size</th></tr></thead>
        <tbody>
          {withArtifacts.flatMap((r) => lists.get(r.runId)!.map((a) => {
            const url = api.artifactUrl(r.runId, a.name, learner);
            return (
              <tr key={`${r.runId}/${a.name}`}>
                <td>{r.name}</td>
                <td style={{ textAlign: 'left' }}>
                  <a href={url} download aria-label={`download ${a.name} of ${r.name}`}>{a.name}</a>
                  {PREVIEWABLE.has(a.mediaType) && a.size <= PREVIEW_BYTES && <Preview url={url} label={`${a.name} of ${r.name}`} />}
                </td>
                <td>{a.kind}</td>
                <td><code>{a.mediaType}</code></td>
                <td>{formatBytes(a.size)}</td>
              </tr>
            );
          }))}
        </tbody>
      </table>
    </div>
  );
}
