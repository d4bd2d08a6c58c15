import { forwardRef } from 'react';

export interface SummaryItem {
  message: string;
  /** id of the input to jump to. */
  fieldId?: string;
}

/**
 * The list of what is wrong with a submitted form, at the top of the form. It is focused after a failed
 * submit (and announced as an alert); each entry links to its field.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { title: string; items: SummaryItem[] }>(function ErrorSummary({ title, items }, ref) {
  if (items.length === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <p className="error-summary__title">{title}</p>
      <ul className="error-summary__list">
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? 'form'}-${index}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  const target = document.getElementById(item.fieldId ?? '');
                  if (!target) return;
                  event.preventDefault();
                  const focusable = target.matches('input, select, textarea, button') ? target : target.querySelector<HTMLElement>('input, select, textarea');
                  (focusable ?? target).focus();
                  target.scrollIntoView?.({ block: 'center' });
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
});
