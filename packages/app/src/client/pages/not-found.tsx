import { useEffect } from 'preact/hooks';

/** Any path the app does not know. */
export function NotFound({ message }: { message?: string }) {
  useEffect(() => {
    document.title = 'Not found · Descent';
  }, []);
  return (
    <div class="page narrow">
      <h1>Nothing here</h1>
      <p>{message ?? 'This address is not a page of Descent.'}</p>
      <p><a href="/">Back to the lessons</a></p>
    </div>
  );
}
