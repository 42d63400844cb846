import type { Language, OperatorStatus, Skill } from '../domain/enums';

/** An operator as the assignment rule sees them. */
export interface AssignableOperator {
  readonly id: string;
  /** Effective status: the hub passes `offline` for anyone with no console connected. */
  readonly status: OperatorStatus;
  readonly skills: readonly Skill[];
  readonly capacity: number;
  /** Open or waiting conversations they hold now. */
  readonly held: number;
  /** Ties go to whoever has been in their status longest, then by id, so the rule is deterministic. */
  readonly statusSince: number;
}

export interface WaitingConversation {
  readonly id: string;
  /** When the public started waiting; the oldest is served first. */
  readonly waitingSince: number;
  readonly language: Language;
  readonly confidential: boolean;
}

export interface Assignment {
  readonly conversationId: string;
  readonly operatorId: string;
}

/** Welsh conversations need a Welsh speaker; confidential intelligence needs cleared staff. */
export function requiredSkills(c: Pick<WaitingConversation, 'language' | 'confidential'>): Skill[] {
  const skills: Skill[] = [];
  if (c.language === 'cy') skills.push('welsh');
  if (c.confidential) skills.push('confidential');
  return skills;
}

/** Only someone available (not busy, on break, off shift or offline) with the skills may be given it. */
export function mayTake(
  operator: Pick<AssignableOperator, 'status' | 'skills'>,
  c: Pick<WaitingConversation, 'language' | 'confidential'>,
): boolean {
  return operator.status === 'available' && requiredSkills(c).every((s) => operator.skills.includes(s));
}

export const byWaitingOrder = (a: WaitingConversation, b: WaitingConversation): number =>
  a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The automatic assignment rule, pure: the oldest waiting conversation goes to the eligible
 * operator with the most spare capacity, and so on down the queue, never past anyone's
 * capacity. A conversation nobody eligible can take stays waiting and does not hold up
 * younger ones someone else can take. Returns assignments in the order they were made.
 */
export function assignWaiting(
  operators: readonly AssignableOperator[],
  waiting: readonly WaitingConversation[],
): Assignment[] {
  const held = new Map(operators.map((o) => [o.id, o.held]));
  const spare = (o: AssignableOperator): number => o.capacity - (held.get(o.id) ?? o.held);
  const out: Assignment[] = [];
  for (const c of [...waiting].sort(byWaitingOrder)) {
    let best: AssignableOperator | null = null;
    for (const o of operators) {
      if (spare(o) <= 0 || !mayTake(o, c)) continue;
      if (
        best === null ||
        spare(o) > spare(best) ||
        (spare(o) === spare(best) &&
          (o.statusSince < best.statusSince || (o.statusSince === best.statusSince && o.id < best.id)))
      ) {
        best = o;
      }
    }
    if (best === null) continue;
    held.set(best.id, (held.get(best.id) ?? best.held) + 1);
    out.push({ conversationId: c.id, operatorId: best.id });
  }
  return out;
}
