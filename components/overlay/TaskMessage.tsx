import { t } from '@/utils/i18n';
import type { TaskStatus } from './store';

/** The outcome of a panel action, announced politely; a refusal says what to do instead. */
export function TaskMessage({ task }: { task: TaskStatus }) {
  if (task.state === 'idle') return null;
  if (task.state === 'working') {
    return (
      <p className="task" role="status">
        {t('guide_working')}
      </p>
    );
  }
  return (
    <div className={`task ${task.state === 'error' ? 'warn' : 'ok'}`} role="status">
      <p>{task.message}</p>
      {task.detail ? (
        <details>
          <summary>{t('common_details')}</summary>
          <p>{task.detail}</p>
        </details>
      ) : null}
    </div>
  );
}
