import type { ComponentType } from 'react';
import type { Operator } from '../../../shared/domain/entities';
import type { Role } from '../../../shared/domain/enums';
import { AccountsView } from './accounts/AccountsView';
import { BroadcastsView } from './broadcasts/BroadcastsView';
import { WorkloadBoard } from './leads/WorkloadBoard';
import { ModerationView } from './moderation/ModerationView';
import { SlaDashboard } from './sla/SlaDashboard';

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
export const VIEWS: readonly ViewDef[] = [
  {
    id: 'broadcasts',
    labelKey: 'broadcasts.tab',
    roles: ['operator', 'lead', 'admin'],
    component: BroadcastsView,
  },
  { id: 'workload', labelKey: 'leads.tab', roles: ['lead', 'admin'], component: WorkloadBoard },
  {
    id: 'moderation',
    labelKey: 'moderation.tab',
    roles: ['operator', 'lead', 'admin'],
    component: ModerationView,
  },
  { id: 'sla', labelKey: 'sla.tab', roles: ['lead', 'admin'], component: SlaDashboard },
  { id: 'accounts', labelKey: 'accounts.tab', roles: ['admin'], component: AccountsView },
];
