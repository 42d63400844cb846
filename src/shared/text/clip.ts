/**
 * Cuts `text` to at most `max` UTF-16 units, ending with "…" when anything was cut so a
 * reader knows the rest is missing. Never cuts an emoji (a surrogate pair) in half:
 * SQLite would store the lone half as garbage.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max - 1;
  const code = text.charCodeAt(end - 1);
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end)}…`;
}
