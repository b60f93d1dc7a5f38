import { type ReactNode, useEffect, useRef } from 'react';

type SideDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  /** `right`: a drawer from the right edge; `center`: a centred dialog. */
  placement?: 'right' | 'center';
  className?: string;
  testId?: string;
  children: ReactNode;
  footer?: ReactNode;
};

/** A modal <dialog> (focus trapped, Esc closes, backdrop click closes) with a titled header. */
export function SideDialog({
  open,
  onClose,
  title,
  placement = 'right',
  className = '',
  testId,
  children,
  footer,
}: SideDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${testId ?? 'dialog'}-title`;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`side-dialog side-dialog-${placement} ${className}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="side-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="side-dialog-body">{open ? children : null}</div>
      {footer && open ? <div className="side-dialog-footer">{footer}</div> : null}
    </dialog>
  );
}
