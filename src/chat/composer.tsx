import { type FormEvent, type KeyboardEvent, memo, useLayoutEffect, useRef, useState } from 'react';

type ComposerProps = {
  busy: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
};

const MAX_ROWS_HEIGHT = 200;

/** The message box: Enter sends, Shift+Enter adds a line, Stop ends a running answer. */
export const Composer = memo(function Composer({ busy, onSend, onStop }: ComposerProps) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Only when the text changes: reading scrollHeight forces a layout of the whole page, and the
  // composer re-renders with every streamed chunk (measured with `node bench/profile.ts`).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_ROWS_HEIGHT)}px`;
  }, [text]);

  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    onSend(trimmed);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={inputRef}
        rows={1}
        value={text}
        placeholder="Ask for several things at once…"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noAutofocus: the composer is the page's primary control
        autoFocus
      />
      {busy ? (
        <button type="button" className="button button-stop" onClick={onStop}>
          <span className="stop-square" aria-hidden="true" />
          Stop
        </button>
      ) : (
        <button type="submit" className="button button-send" disabled={!text.trim()}>
          Send
        </button>
      )}
      <p className="composer-hint" aria-hidden="true">
        <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
      </p>
    </form>
  );
});
