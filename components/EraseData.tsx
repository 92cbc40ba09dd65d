// "Effacer mes données": a button, a confirmation, then what happened. The caller does the erasing.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { options } from '../lib/strings';

export interface EraseDataProps {
  /** Clears everything the extension stored; rejects when it could not. */
  onErase: () => Promise<void>;
}

export function EraseData(props: EraseDataProps) {
  const step = useSignal<'idle' | 'confirm' | 'erasing' | 'erased' | 'failed'>('idle');
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (step.value === 'confirm') confirmButton.current?.focus();
  }, [step.value]);

  const erase = async () => {
    step.value = 'erasing';
    try {
      await props.onErase();
      step.value = 'erased';
    } catch {
      step.value = 'failed';
    }
  };

  const asking = step.value === 'confirm' || step.value === 'erasing';
  return (
    <div class="ij-erase">
      {asking ? (
        <div role="group" aria-labelledby="ij-erase-question">
          <p id="ij-erase-question">{options.eraseQuestion}</p>
          <div class="ij-actions">
            <button ref={confirmButton} type="button" class="ij-button" disabled={step.value === 'erasing'} onClick={erase}>
              {options.eraseConfirm}
            </button>
            <button type="button" class="ij-button ij-button--ghost" disabled={step.value === 'erasing'} onClick={() => (step.value = 'idle')}>
              {options.eraseCancel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="ij-button ij-button--ghost" onClick={() => (step.value = 'confirm')}>
          {options.erase}
        </button>
      )}
      <p role="status" class={step.value === 'failed' ? 'ij-error-text' : 'ij-ok-text'}>
        {step.value === 'erased' ? options.erased : step.value === 'failed' ? options.eraseFailed : ''}
      </p>
    </div>
  );
}
