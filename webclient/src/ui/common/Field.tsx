// A labelled form field with an optional hint and error, wired for screen readers.
import type { PartialInputHTMLAttributes } from 'preact';

interface FieldProps extends Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label' | 'role'> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

export function Field({ id, label, hint, error, ...input }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={described} {...(input as Record<string, unknown>)} />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
