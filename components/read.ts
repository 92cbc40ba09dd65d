// Props that accept either a plain value or a signal of it; reading `.value` in render subscribes the component.
import { Signal, type ReadonlySignal } from '@preact/signals';

export function read<T>(value: T | ReadonlySignal<T>): T {
  return value instanceof Signal ? (value as ReadonlySignal<T>).value : (value as T);
}
