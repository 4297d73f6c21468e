import { NotFound } from './not-found.js';

/** Placeholder until the lesson page lands. */
export function LessonPage({ id }: { id: string }) {
  return <NotFound message={`Lesson ${id} is coming.`} />;
}
