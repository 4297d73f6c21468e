/** A question's model answer as the Practice page and the lesson pages show it. */
import type { QuestionView } from '../../shared/practice.js';

const list = (items: string[]) => <ul>{items.map((html, i) => <li key={i} dangerouslySetInnerHTML={{ __html: html }} />)}</ul>;

export function ModelAnswer({ q }: { q: QuestionView }) {
  return (
    <div class="model-answer">
      <div class="answer-short" dangerouslySetInnerHTML={{ __html: q.shortHtml }} />
      {q.depthHtml.trim() !== '' && <div class="answer-depth" dangerouslySetInnerHTML={{ __html: q.depthHtml }} />}
      {q.keyPoints.length > 0 && <section><h4>Key points</h4>{list(q.keyPoints)}</section>}
      {q.pitfalls.length > 0 && <section><h4>What not to say</h4>{list(q.pitfalls)}</section>}
      {q.followUps.length > 0 && <section><h4>Follow-ups</h4>{list(q.followUps)}</section>}
      {q.code && <section><h4>Solution</h4><pre class="answer-code"><code>{q.code.solution}</code></pre></section>}
    </div>
  );
}

export function QuestionMeta({ q }: { q: QuestionView }) {
  return (
    <p class="question-meta">
      <span class="pill">{q.topicTitle}</span> <span class="pill">{q.kind}</span> <span class="pill">{q.difficulty}</span>{' '}
      {q.lessons.map((n) => <span key={n} class="pill">lesson {String(n).padStart(2, '0')}</span>)}
    </p>
  );
}
