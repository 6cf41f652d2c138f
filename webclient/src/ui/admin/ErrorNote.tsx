import { SafeText } from '../common/SafeText.tsx';

export function ErrorNote({ text }: { text: string | undefined }) {
  if (!text) return null;
  return <p class="banner banner-warn" role="alert"><SafeText text={text} /></p>;
}
