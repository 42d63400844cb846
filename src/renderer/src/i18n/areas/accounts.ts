/** Strings of the administrator's accounts screen, in English and Welsh. */
export const en = {
  accounts: {
    tab: 'Accounts',
    title: 'Accounts',
    intro:
      'Switch an account off when someone leaves, moves or loses their vetting; sign someone out everywhere when a workstation is lost or was shared. Their consoles close within seconds.',
    loading: 'Loading accounts…',
    name: 'Name',
    role: 'Role',
    skills: 'Skills',
    status: 'Status',
    account: 'Account',
    actions: 'Actions',
    noSkills: '—',
    skill: { welsh: 'Welsh', confidential: 'Cleared for confidential' },
    active: 'Active',
    disabled: 'Disabled',
    button: {
      'account-sign-out': 'Sign out everywhere',
      'account-disable': 'Disable',
      'account-enable': 'Enable',
    },
    label: {
      'account-sign-out': 'Sign out everywhere: {{name}}',
      'account-disable': 'Disable {{name}}',
      'account-enable': 'Enable {{name}}',
    },
    confirmLabel: 'Confirm the change',
    confirm: 'Confirm',
    cancel: 'Cancel',
    ask: {
      'account-disable': 'Disable {{name}}? They cannot sign in until enabled again.',
      'account-enable': 'Enable {{name}}? They can sign in again.',
      'account-sign-out': 'Sign {{name}} out everywhere?',
    },
    sent: {
      'account-disable': '{{name}} will be disabled as soon as the hub has it.',
      'account-enable': '{{name}} will be enabled as soon as the hub has it.',
      'account-sign-out': '{{name}} will be signed out as soon as the hub has it.',
    },
    cli: 'Adding people, changing roles or clearance and setting passwords are done on the hub with npm run hub -- user …',
  },
};

export const cy: typeof en = {
  accounts: {
    tab: 'Cyfrifon',
    title: 'Cyfrifon',
    intro:
      'Diffoddwch gyfrif pan fydd rhywun yn gadael, yn symud neu’n colli ei fetio; allgofnodwch rywun ym mhobman pan gollir gweithfan neu pan gafodd ei rhannu. Mae eu consolau’n cau o fewn eiliadau.',
    loading: 'Yn llwytho’r cyfrifon…',
    name: 'Enw',
    role: 'Rôl',
    skills: 'Sgiliau',
    status: 'Statws',
    account: 'Cyfrif',
    actions: 'Gweithredoedd',
    noSkills: '—',
    skill: { welsh: 'Cymraeg', confidential: 'Wedi’i glirio ar gyfer gwaith cyfrinachol' },
    active: 'Gweithredol',
    disabled: 'Wedi’i ddiffodd',
    button: {
      'account-sign-out': 'Allgofnodi ym mhobman',
      'account-disable': 'Diffodd',
      'account-enable': 'Galluogi',
    },
    label: {
      'account-sign-out': 'Allgofnodi ym mhobman: {{name}}',
      'account-disable': 'Diffodd {{name}}',
      'account-enable': 'Galluogi {{name}}',
    },
    confirmLabel: 'Cadarnhau’r newid',
    confirm: 'Cadarnhau',
    cancel: 'Canslo',
    ask: {
      'account-disable': 'Diffodd {{name}}? Ni allant fewngofnodi nes eu galluogi eto.',
      'account-enable': 'Galluogi {{name}}? Gallant fewngofnodi eto.',
      'account-sign-out': 'Allgofnodi {{name}} ym mhobman?',
    },
    sent: {
      'account-disable': 'Bydd {{name}} yn cael ei ddiffodd cyn gynted ag y bydd gan yr hwb.',
      'account-enable': 'Bydd {{name}} yn cael ei alluogi cyn gynted ag y bydd gan yr hwb.',
      'account-sign-out': 'Bydd {{name}} yn cael ei allgofnodi cyn gynted ag y bydd gan yr hwb.',
    },
    cli: 'Mae ychwanegu pobl, newid rolau neu glirio a gosod cyfrineiriau’n cael eu gwneud ar yr hwb gyda npm run hub -- user …',
  },
};
