/**
 * While the user presses the overlay (one of the panel's buttons), what the
 * scans find waits for the release, at most PRESS_HOLD_MS: a text that grows
 * or shrinks above the button must not move it from under the pointer
 * between press and release, which loses the click.
 */

/** The longest a press holds the scans' news back. */
export const PRESS_HOLD_MS = 1000;

export class PressHold<T extends object> {
  /** The cap's timer while a press is down, else 0. */
  private timer = 0;
  private held: Partial<T> | undefined;

  constructor(
    private readonly win: Window,
    private readonly show: (patch: Partial<T>) => void,
  ) {}

  /** `host`: the overlay's host, which takes no press itself (one on it is on the panel). */
  start(host: Element | undefined, signal: AbortSignal): void {
    const options = { capture: true, signal };
    host?.addEventListener(
      'pointerdown',
      () => {
        this.win.clearTimeout(this.timer);
        this.timer = this.win.setTimeout(() => this.release(), PRESS_HOLD_MS);
      },
      options,
    );
    // Released after the click the release makes.
    const onRelease = () => this.timer && this.win.setTimeout(() => this.release());
    for (const type of ['pointerup', 'pointercancel']) this.win.addEventListener(type, onRelease, options);
  }

  /** A scan's news: shown now, or when the press ends. */
  offer(patch: Partial<T>): void {
    if (this.timer) this.held = { ...this.held, ...patch };
    else this.show(patch);
  }

  /** Values newer than the held ones (an action's): those are not shown later. */
  supersede(patch: Partial<T>): void {
    for (const key in this.held) if (key in patch) delete this.held[key];
  }

  stop(): void {
    this.win.clearTimeout(this.timer);
    this.timer = 0;
    this.held = undefined;
  }

  private release(): void {
    const held = this.held;
    this.stop();
    if (held) this.show(held);
  }
}
