/** `@descent/lessons/format`: the lesson file format as data, and its parser. Browser-safe. */
export { parseLesson, idFromPath } from './parse';
export type { Block, Cell, CellRole, Exercise, Lesson, LessonMeta } from './types';
