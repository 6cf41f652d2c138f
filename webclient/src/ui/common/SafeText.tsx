// Text from the network (bodies, subjects, file names, addresses) is only ever rendered as
// text nodes: never as HTML, never linkified. Bidirectional control characters (which can make
// "exe.txt" read as "txt.exe") are shown as visible markers instead of taking effect, and the
// whole text is isolated so it cannot reorder the surrounding interface.

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function neutralizeBidi(text: string): (string | { control: string })[] {
  const parts: (string | { control: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(BIDI_CONTROLS)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ control: codePoint(m[0]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Plain text without bidi controls (for attributes such as aria-label and title). */
export function plainText(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `[${codePoint(ch)}]`);
}

export function SafeText({ text, class: className }: { text: string; class?: string }) {
  return (
    <bdi class={className} dir="auto">
      {neutralizeBidi(text).map((p, i) =>
        typeof p === 'string' ? p : (
          <span key={i} class="bidi-control" title={p.control}>
            {`[${p.control}]`}
          </span>
        ),
      )}
    </bdi>
  );
}
