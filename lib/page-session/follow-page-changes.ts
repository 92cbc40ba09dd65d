// Follows what the site changes in its page after loading (client-side navigation, rows added later).
import { mark } from '../lazy-module';

const DEBOUNCE_MS = 200;

/** Calls `onChange` once the page's DOM has settled after a change; stops when `signal` aborts. */
export function followPageChanges(signal: AbortSignal, onChange: () => void): void {
  if (signal.aborted || !document.body) return;
  mark('observe');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => {
    // Our own shadow hosts coming and going must not wake us up.
    const ours = (n: Node) => n.nodeName.startsWith('INSERJEUNES-');
    if (records.every((r) => [...r.addedNodes, ...r.removedNodes].every(ours))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
    },
    { once: true },
  );
}
