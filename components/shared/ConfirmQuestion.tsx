/**
 * The question a destructive action asks first, in place of its button: a
 * quiet red "do it" and a "keep" that takes the focus (so Enter or Space
 * right after the click keeps things as they are).
 */
export function ConfirmQuestion({
  question,
  confirm,
  keep,
  busy,
  onConfirm,
  onKeep,
}: {
  question: string;
  confirm: string;
  keep: string;
  busy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  return (
    <fieldset className="confirm">
      <legend>{question}</legend>
      <div className="actions">
        <button type="button" className="secondary danger" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={onKeep}
          // biome-ignore lint/a11y/noAutofocus: the question just replaced the button that had focus.
          autoFocus
        >
          {keep}
        </button>
      </div>
    </fieldset>
  );
}
