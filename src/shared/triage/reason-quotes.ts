/**
 * A triage reason with the words it quotes from the message taken out: "Emergency: weapon
 * present ('he has a knife')" becomes "Emergency: weapon present (…)", "English: 'he', 'me'"
 * becomes "English: …". Staff not cleared for a confidential report see why it was flagged
 * but not what it says. Every reason quotes in single quotes and its frame and labels have
 * none, so everything from the first quote to the last is the message's words (a quoted
 * word may hold an apostrophe of its own). The frame stays, so the Welsh rendering of the
 * reason still applies.
 */
export function reasonWithoutQuotes(reason: string): string {
  const first = reason.indexOf("'");
  if (first < 0) return reason;
  const last = reason.lastIndexOf("'");
  return `${reason.slice(0, first)}…${reason.slice(last + 1)}`;
}
