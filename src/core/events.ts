// A small event emitter with VS Code's `Event` shape, so the core needs no `vscode` import and
// VS Code code can subscribe to core events as to its own.

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => unknown;
export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();
  private disposed = false;

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    // A wrapper per subscription, so the same function may subscribe twice and unsubscribe once.
    const entry: Listener<T> = (value) => listener(value);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  /** Listeners' errors are reported to `onListenerError`, never to the code that fired. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        const result = listener(value);
        if (result instanceof Promise) result.catch((error: unknown) => Emitter.onListenerError(error));
      } catch (error) {
        Emitter.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  static onListenerError: (error: unknown) => void = (error) => console.error(error);
}
