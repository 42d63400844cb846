import type { NewUser } from '../hub/users';

/** The demo desk's staff. Passwords are printed at start: this is a demo, not a deployment. */
export const DEMO_USERS: readonly (NewUser & { password: string; note: string })[] = [
  {
    name: 'rhian',
    role: 'operator',
    password: 'rhian-demo-pass',
    skills: ['welsh'],
    note: 'operator, Welsh speaker',
  },
  { name: 'tom', role: 'operator', password: 'tom-demo-pass', skills: [], note: 'operator' },
  {
    name: 'sam',
    role: 'lead',
    password: 'sam-demo-pass',
    skills: ['welsh', 'confidential'],
    note: 'shift lead, cleared for confidential',
  },
  {
    name: 'admin',
    role: 'admin',
    password: 'admin-demo-pass',
    skills: ['confidential'],
    note: 'administrator',
  },
];
