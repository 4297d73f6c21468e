/** `@descent/lessons/export`: lesson Markdown (with KaTeX math) and code to HTML, as strings. */
export { markdownToHtml } from './markdown';
export { highlightTs, escapeHtml } from './highlight';
export { renderLessonHtml, type HtmlOptions } from './html';
export { LESSON_CSS } from './style';
