import { isAdmin, type Operator } from '../../shared/domain';
import type { OperationInput } from '../../shared/protocol';
import type { HubContext } from '../context';
import { getAccount } from '../db/operators';
import { disableUser, enableUser, signOutUser } from '../user-accounts';
import { ACCEPTED, rejected, type OpOutcome } from './outcome';

type AccountOp = Extract<OperationInput, { type: 'account-disable' | 'account-enable' | 'account-sign-out' }>;

/**
 * An administrator switches an account off or on, or ends its sessions, as `hub user
 * disable|enable|sign-out` does, audited under their name. Asking for what already holds (an
 * account already disabled) is accepted and changes nothing, so an action sent twice, or
 * after a colleague did the same, is not an error. An administrator may not disable
 * themselves; as a disabled account's actions are refused, the desk therefore always keeps
 * an administrator who can sign in to undo a disabling.
 */
export function applyAccountOperation(
  ctx: HubContext,
  actor: Operator,
  op: AccountOp,
  now: number,
): OpOutcome {
  if (!isAdmin(actor)) return rejected('forbidden', 'Only administrators can change accounts.');
  const { db } = ctx;
  const account = getAccount(db, op.operatorId);
  if (account === null) return rejected('not-found', `No account ${op.operatorId}.`);
  const { name } = account.operator;
  switch (op.type) {
    case 'account-disable': {
      if (account.disabledAt !== null) return ACCEPTED;
      if (account.operator.id === actor.id)
        return rejected('invalid', 'You cannot disable your own account; ask another administrator.');
      disableUser(db, name, now, actor.id);
      return ACCEPTED;
    }
    case 'account-enable':
      if (account.disabledAt === null) return ACCEPTED;
      enableUser(db, name, now, actor.id);
      return ACCEPTED;
    case 'account-sign-out':
      signOutUser(db, name, now, actor.id);
      return ACCEPTED;
  }
}
