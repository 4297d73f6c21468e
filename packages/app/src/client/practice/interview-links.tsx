/**
 * On a lesson page, the "Interview questions" section links each question to the bank
 * (`../interview/<topic>.md#<id>`). Here each becomes a card: the link or its "Show answer"
 * button opens the model answer in place (one click), fetched from the practice API; and a
 * link at the end practises all of the lesson's questions on the Practice page.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { ModelAnswer } from './answer.js';
import { practiceApi } from './api.js';
import './practice.css';

const BANK_LINK = /\/interview\/[\w-]+\.md#([a-z0-9-]+)$/;

async function toggle(item: HTMLElement, id: string, button: HTMLButtonElement): Promise<void> {
  const open = item.querySelector<HTMLElement>(':scope > .inline-answer');
  if (open) {
    open.remove();
    button.textContent = 'Show answer';
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  const box = document.createElement('div');
  box.className = 'inline-answer';
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', 'Model answer');
  box.textContent = 'Loading the answer…';
  item.append(box);
  button.textContent = 'Hide answer';
  button.setAttribute('aria-expanded', 'true');
  try {
    const { card } = await practiceApi.question(id);
    box.textContent = '';
    render(<ModelAnswer q={card} />, box);
  } catch (e) {
    box.textContent = `Cannot load the answer: ${(e as ApiError).message}`;
  }
}

export function InterviewLinks({ lessonId }: { lessonId: string }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('.lesson .prose a')].filter((a) => BANK_LINK.test(a.href));
    const cleanups: (() => void)[] = [];
    for (const a of links) {
      const id = BANK_LINK.exec(a.href)![1];
      const item = (a.closest('li') ?? a.parentElement) as HTMLElement;
      item.classList.add('interview-card');
      item.parentElement?.classList.add('interview-cards');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Show answer';
      button.setAttribute('aria-expanded', 'false');
      const onClick = (event: Event) => {
        event.preventDefault();
        void toggle(item, id, button);
      };
      button.addEventListener('click', onClick);
      a.addEventListener('click', onClick);
      a.after(button);
      cleanups.push(() => {
        button.remove();
        a.removeEventListener('click', onClick);
      });
    }
    practiceApi.lessonQuestions(lessonId).then((r) => setCount(r.cards.length), () => setCount(null));
    return () => cleanups.forEach((c) => c());
  }, [lessonId]);
  if (!count) return null;
  return (
    <p class="notice practice-lesson-link">
      <a href={`/practice?lesson=${lessonId.slice(0, 2)}`}>Practise this lesson's {count} interview questions with spaced repetition →</a>
    </p>
  );
}
