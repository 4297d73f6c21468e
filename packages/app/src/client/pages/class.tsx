/**
 * Class mode's pages: `/login` (log in, sign up with an invite code from the instructor, or
 * choose a new password with a reset code from the instructor) and `/class`, the instructor's view of the class — one row per learner, one column per
 * lesson (cells run and exercises solved, ✓ when complete), and practice numbers.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClassProgressView, MeView } from '../../shared/class.js';
import { classApi } from '../api.js';

type LoginMode = 'log in' | 'sign up' | 'reset';

const TITLES: Record<LoginMode, string> = { 'log in': 'Log in to your class', 'sign up': 'Sign up for the class', reset: 'Choose a new password' };

export function LoginPage({ onLogin }: { onLogin: (user: NonNullable<MeView['user']>) => void }) {
  const [mode, setMode] = useState<LoginMode>('log in');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError('');
    try {
      const { user } = mode === 'sign up' ? await classApi.signUp(field('invite'), field('username'), field('password'))
        : mode === 'reset' ? await classApi.resetPassword(field('code'), field('password'))
          : await classApi.login(field('username'), field('password'));
      onLogin(user);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const switchTo = (next: LoginMode) => () => { setMode(next); setError(''); };
  const newPassword = mode !== 'log in';
  return (
    <section class="login">
      <h1>{TITLES[mode]}</h1>
      <form onSubmit={submit}>
        {mode === 'sign up' && <p><label>Invite code <input name="invite" required autocomplete="off" /></label></p>}
        {mode === 'reset' && <p><label>Password-reset code <input name="code" required autocomplete="off" /></label></p>}
        {mode !== 'reset' && <p><label>Username <input name="username" required autocomplete="username" autocapitalize="none" /></label></p>}
        <p><label>{mode === 'reset' ? 'New password' : 'Password'} <input name="password" type="password" required minLength={newPassword ? 10 : 1} autocomplete={newPassword ? 'new-password' : 'current-password'} /></label></p>
        {error && <p class="error" role="alert">{error}</p>}
        <p><button type="submit" disabled={busy}>{mode === 'sign up' ? 'Sign up' : mode === 'reset' ? 'Set password and log in' : 'Log in'}</button></p>
      </form>
      <p>
        {mode !== 'log in' && <button type="button" class="link" onClick={switchTo('log in')}>I have an account: log in</button>}
        {mode === 'log in' && <button type="button" class="link" onClick={switchTo('sign up')}>I have an invite code: sign up</button>}
      </p>
      {mode === 'log in' && (
        <p>
          <button type="button" class="link" onClick={switchTo('reset')}>Forgot your password? Ask your instructor for a reset code</button>
        </p>
      )}
    </section>
  );
}

/** The instructor's button that makes a learner's password-reset code, and shows it to pass on. */
function ResetCode({ username, onError }: { username: string; onError: (message: string) => void }) {
  const [code, setCode] = useState('');
  const make = async () => {
    try {
      const made = await classApi.passwordReset(username);
      setCode(`${made.code} (once, until ${made.expiresAt.slice(0, 16).replace('T', ' ')} UTC)`);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return code === ''
    ? <button type="button" class="link" aria-label={`password-reset code for ${username}`} onClick={() => void make()}>Reset code</button>
    : <output aria-label={`${username}'s password-reset code`}><code style={{ wordBreak: 'break-all' }}>{code}</code></output>;
}

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export function ClassPage() {
  const [view, setView] = useState<ClassProgressView | null>(null);
  const [error, setError] = useState('');
  const [invite, setInvite] = useState('');
  useEffect(() => {
    classApi.progress().then(setView, (e: Error) => setError(e.message));
  }, []);
  const newInvite = async () => {
    try {
      const { code, expiresAt } = await classApi.invite('learner', 100);
      setInvite(`${code} (100 sign-ups, until ${expiresAt.slice(0, 10)})`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (error) return <p class="error" role="alert">{error}</p>;
  if (view === null) return <p>Loading the class…</p>;
  const completed = (id: string) => view.learners.filter((l) => l.lessons[id]?.completed).length;
  return (
    <section class="class-page">
      <h1>Your class</h1>
      <p>{view.learners.length} learners · {view.lessons.length} lessons.</p>
      <p>
        <button type="button" onClick={() => void newInvite()}>New invite code for learners</button>
        {invite && <> <output aria-label="Invite code"><code>{invite}</code></output></>}
      </p>
      <h2>Progress per learner and lesson</h2>
      <div class="table-scroll">
        <table class="class-progress">
          <caption>Cells run / exercises solved in each lesson; ✓ when the lesson is complete.</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Completed</th>
              {view.lessons.map((l) => <th scope="col" key={l.id} title={l.title}>{String(l.number).padStart(2, '0')}</th>)}
            </tr>
          </thead>
          <tbody>
            {view.learners.map((learner) => (
              <tr key={learner.id}>
                <th scope="row">{learner.username}</th>
                <td>{learner.lessonsCompleted}</td>
                {view.lessons.map((l) => {
                  const p = learner.lessons[l.id];
                  return <td key={l.id}>{p === undefined ? '' : p.completed ? '✓' : `${p.cellsRun}/${l.cells} · ${p.exercisesSolved}/${l.exercises}`}</td>;
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Completed by</th>
              <td />
              {view.lessons.map((l) => <td key={l.id}>{completed(l.id)}</td>)}
            </tr>
          </tfoot>
        </table>
      </div>
      <h2>Practice, experiment runs and passwords</h2>
      <p>A learner who forgot their password needs a reset code: make one below and pass it on. It works once, for a day; they enter it under "Forgot your password?" when logging in.</p>
      <table class="class-practice">
        <thead>
          <tr><th scope="col">Learner</th><th scope="col">Reviews</th><th scope="col">Last 7 days</th><th scope="col">Questions seen</th><th scope="col">Retention</th><th scope="col">Last review</th><th scope="col">Runs</th><th scope="col">Password</th></tr>
        </thead>
        <tbody>
          {view.learners.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.username}</th><td>{l.practice.reviews}</td><td>{l.practice.reviewsLast7Days}</td><td>{l.practice.questionsSeen}</td>
              <td>{pct(l.practice.retention)}</td><td>{l.practice.lastReviewAt?.slice(0, 10) ?? '–'}</td>
              <td>{l.runs === 0 ? '0' : <a href={`/runs?learner=${l.id}`} aria-label={`${l.username}'s runs`}>{l.runs}</a>}</td>
              <td><ResetCode username={l.username} onError={setError} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
