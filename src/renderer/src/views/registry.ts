import type { ComponentType } from 'react';
import type { Operator } from '../../../shared/domain/entities';
import type { Role } from '../../../shared/domain/enums';

export interface ViewProps {
  readonly me: Operator;
  /** Hub time now (ticks each second), for countdowns. */
  readonly hubNow: number;
  /** Opens a conversation in the main Conversations view. */
  readonly openConversation: (conversationId: string) => void;
}

export interface ViewDef {
  readonly id: string;
  /** i18n key of the tab label. */
  readonly labelKey: string;
  /** Who sees the tab; the hub still enforces every action. */
  readonly roles: readonly Role[];
  readonly component: ComponentType<ViewProps>;
}

/**
 * The console's screens besides Conversations (always first). Each area registers its
 * view here: workload board, SLA dashboard, broadcasts, moderation…
 */
export const VIEWS: readonly ViewDef[] = [];
