// A value made on its first use, then kept: for work a context may never need (a service worker's wake
// pays only for what its message uses).
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
