import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">Error:</span> {children}
    </p>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Shown after the label for optional fields. */
  optional?: boolean;
  id?: string;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, optional, id, className, ...input },
  ref,
) {
  const generated = useId();
  const inputId = id ?? `field-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={`field ${error ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label className="field__label" htmlFor={inputId}>
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId}>{error}</FieldError> : null}
      <input
        ref={ref}
        id={inputId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        {...input}
      />
    </div>
  );
});

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  options: { value: string; label: string; disabled?: boolean }[];
  hint?: ReactNode;
  error?: string;
  id?: string;
  /** Label sits beside the control (filters) instead of above it. */
  inline?: boolean;
}

export function SelectField({ label, options, hint, error, id, inline, className, ...select }: SelectFieldProps) {
  const generated = useId();
  const selectId = id ?? `field-${generated}`;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className={`field ${inline ? 'field--inline' : ''} ${error ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label className="field__label" htmlFor={selectId}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId}>{error}</FieldError> : null}
      <select id={selectId} className="select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(hintId, errorId)} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
  badge?: string;
}

interface RadioGroupProps<V extends string> {
  legend: string;
  name: string;
  value: V;
  options: ChoiceOption<V>[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string;
  /** Options as bordered cards with their description (plain list otherwise). */
  cards?: boolean;
  id?: string;
  disabled?: boolean;
}

/** A fieldset of radio buttons: arrow keys move between options, as native radios do. */
export function RadioGroup<V extends string>({ legend, name, value, options, onChange, hint, error, cards, id, disabled }: RadioGroupProps<V>) {
  const generated = useId();
  const groupId = id ?? `group-${generated}`;
  const hintId = hint ? `${groupId}-hint` : undefined;
  const errorId = error ? `${groupId}-error` : undefined;
  return (
    <fieldset
      id={groupId}
      className={`fieldset ${cards ? 'fieldset--cards' : ''} ${error ? 'field--invalid' : ''}`}
      aria-describedby={describedBy(hintId, errorId)}
      disabled={disabled}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId}>{error}</FieldError> : null}
      <div className={cards ? 'choice-cards' : 'choice-list'}>
        {options.map((option) => {
          const optionId = `${groupId}-${option.value}`;
          const descriptionId = option.description ? `${optionId}-description` : undefined;
          return (
            <div key={option.value} className={`choice ${value === option.value ? 'choice--selected' : ''}`}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={descriptionId}
              />
              <div className="choice__text">
                <label htmlFor={optionId} className="choice__label">
                  {option.label}
                  {option.badge ? <span className="choice__badge">{option.badge}</span> : null}
                </label>
                {option.description ? (
                  <p id={descriptionId} className="choice__description">
                    {option.description}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  label: ReactNode;
  description?: ReactNode;
  id?: string;
}

export function Checkbox({ label, description, id, ...input }: CheckboxProps) {
  const generated = useId();
  const inputId = id ?? `check-${generated}`;
  const descriptionId = description ? `${inputId}-description` : undefined;
  return (
    <div className="choice">
      <input type="checkbox" id={inputId} aria-describedby={descriptionId} {...input} />
      <div className="choice__text">
        <label htmlFor={inputId} className="choice__label">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="choice__description">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
