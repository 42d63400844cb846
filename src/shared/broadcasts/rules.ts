import type { Platform } from '../domain/enums';
import { countCharacters } from '../text/platform-limits';

/** What goes out on each channel: Facebook one bilingual post, X one post per language. */
export interface ChannelPost {
  readonly part: 'bilingual' | 'cy' | 'en';
  readonly text: string;
}

/**
 * Welsh first on the bilingual Facebook post, and first on X: the Welsh Language Standards
 * ask that Welsh is treated no less favourably than English.
 */
export function postsFor(channel: Platform, textEn: string, textCy: string): ChannelPost[] {
  const en = textEn.trim();
  const cy = textCy.trim();
  if (channel === 'facebook') return [{ part: 'bilingual', text: `${cy}\n\n${en}` }];
  return [
    { part: 'cy', text: cy },
    { part: 'en', text: en },
  ];
}

/** Facebook Page posts allow 63,206 characters. */
export const FACEBOOK_POST_LIMIT = 63_206;
export const X_POST_LIMIT = 280;

export interface PostCheck {
  readonly channel: Platform;
  readonly part: ChannelPost['part'];
  readonly text: string;
  readonly count: number;
  readonly limit: number;
  readonly fits: boolean;
}

export function checkPosts(channel: Platform, textEn: string, textCy: string): PostCheck[] {
  return postsFor(channel, textEn, textCy).map((post) => {
    const count = countCharacters(channel, 'comment', post.text);
    const limit = channel === 'x' ? X_POST_LIMIT : FACEBOOK_POST_LIMIT;
    return { channel, part: post.part, text: post.text, count, limit, fits: count <= limit };
  });
}

export type BroadcastProblem = 'english-missing' | 'welsh-missing' | 'no-channel' | 'too-long';

/** Why a broadcast may not go for approval or publication; empty when it may. */
export function broadcastProblems(args: {
  readonly textEn: string;
  readonly textCy: string;
  readonly channels: readonly Platform[];
}): BroadcastProblem[] {
  const problems: BroadcastProblem[] = [];
  if (args.textEn.trim() === '') problems.push('english-missing');
  if (args.textCy.trim() === '') problems.push('welsh-missing');
  if (args.channels.length === 0) problems.push('no-channel');
  const tooLong = args.channels.some((c) => checkPosts(c, args.textEn, args.textCy).some((p) => !p.fits));
  if (tooLong) problems.push('too-long');
  return problems;
}

export const problemText: Record<BroadcastProblem, string> = {
  'english-missing': 'The English text is missing.',
  'welsh-missing':
    'The Welsh text is missing: English and Welsh publish together (Welsh Language Standards).',
  'no-channel': 'Choose at least one channel.',
  'too-long': 'A post is longer than its platform allows.',
};
