// The frame around sign-in, sign-up and key set-up: brand, language switch, one card.
import type { ComponentChildren } from 'preact';
import { useApp } from '../context.ts';
import { LanguageSelect } from '../settings/LanguageSelect.tsx';

export function AuthLayout({ title, children }: { title: string; children: ComponentChildren }) {
  const { i18n } = useApp();
  return (
    <div class="auth">
      <main class="auth-card" aria-labelledby="auth-title">
        <p class="brand" aria-hidden="true">
          <span class="brand-mark">✉</span> Sealpost
        </p>
        <h1 id="auth-title">{title}</h1>
        {children}
      </main>
      <footer class="auth-footer">
        <p>{i18n.t('app.tagline')}</p>
        <LanguageSelect />
      </footer>
    </div>
  );
}
