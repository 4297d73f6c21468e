/** `@descent/lessons/node`: finding lesson files on disk (Node only). */
export { LESSON_FILE, findLessonsDir, listLessonFiles, loadLesson, resolveLessonFile } from './lessons';
export { katexCss } from './katex-css';
export { runLesson, type RunOptions } from './run';
