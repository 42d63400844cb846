import type { Platform } from '../../shared/domain';
import type { AccountTarget, CommentTarget, PlatformModeration } from './moderation-types';

/** A moderation call the recording adapter kept instead of making. */
export type RecordedModeration =
  | {
      readonly platform: Platform;
      readonly call: 'hide' | 'unhide' | 'delete';
      readonly target: CommentTarget;
    }
  | { readonly platform: Platform; readonly call: 'block'; readonly target: AccountTarget };

/** Records each call; the demo's "platform" then agrees with whatever the desk decided. */
export function createRecordingModeration(platform: Platform, log: RecordedModeration[]): PlatformModeration {
  return {
    setCommentHidden(target, hidden) {
      log.push({ platform, call: hidden ? 'hide' : 'unhide', target });
      return Promise.resolve();
    },
    deleteComment(target) {
      log.push({ platform, call: 'delete', target });
      return Promise.resolve();
    },
    blockAccount(target) {
      log.push({ platform, call: 'block', target });
      return Promise.resolve();
    },
  };
}
