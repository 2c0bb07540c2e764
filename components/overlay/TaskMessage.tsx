import type { TaskStatus } from './store';

/** The outcome of a panel action, announced politely; a refusal says what to do instead. */
export function TaskMessage({ task }: { task: TaskStatus }) {
  if (task.state === 'idle') return null;
  if (task.state === 'working') {
    return (
      <p className="task" role="status">
        Working…
      </p>
    );
  }
  return (
    <div className={`task ${task.state === 'error' ? 'warn' : 'ok'}`} role="status">
      <p>{task.message}</p>
      {task.detail ? (
        <details>
          <summary>Details</summary>
          <p>{task.detail}</p>
        </details>
      ) : null}
    </div>
  );
}
