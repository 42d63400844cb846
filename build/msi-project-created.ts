import { readFile, writeFile } from 'node:fs/promises';

/**
 * electron-builder `msiProjectCreated` hook: adds managed configuration to the WiX project
 * that app-builder-lib generates (templates/msi/template.xml), before candle/light run.
 *
 * Force IT installs with, for example:
 *   msiexec /i SocialDesk-1.2.0-x64.msi /qn HUB_URL=wss://desk-hub.force.local:4310
 *     HUB_CA_FILE=C:\certs\force-root.pem LOCK_HUB=1
 * and the installer writes those values to machine policy, where the console reads them
 * (src/main/settings). A value is written only when its property is set.
 *
 * The hook edits text rather than round-tripping the XML through a DOM so that the rest of
 * the generated project reaches WiX byte for byte as app-builder-lib wrote it. It fails the
 * build loudly if the anchors it needs are missing: a silent no-op would ship an MSI that
 * ignores HUB_URL, which IT would only discover on the control-room floor.
 */

export const POLICY_KEY = 'SOFTWARE\\Policies\\SocialDesk';
export const POLICY_COMPONENT_GROUP = 'SocialDeskPolicyComponents';

/** One MSI public property and the policy value it becomes. */
export interface PolicyProperty {
  readonly property: 'HUB_URL' | 'HUB_CA_FILE' | 'LOCK_HUB';
  readonly valueName: 'HubUrl' | 'HubCaFile' | 'LockHub';
  /**
   * Fixed component GUIDs: Windows Installer tracks components by GUID across versions, so
   * changing one would make an in-place upgrade leave or lose the policy value.
   */
  readonly componentGuid: string;
}

export const POLICY_PROPERTIES: readonly PolicyProperty[] = [
  { property: 'HUB_URL', valueName: 'HubUrl', componentGuid: 'EFC75ADB-4D82-454F-8E34-B09BEA932700' },
  { property: 'HUB_CA_FILE', valueName: 'HubCaFile', componentGuid: 'BA7F8B1B-3F40-4816-BD8D-002CD17447E0' },
  { property: 'LOCK_HUB', valueName: 'LockHub', componentGuid: '5C0B3986-366B-4C11-951D-67526417F159' },
];

const FEATURE_ANCHOR = '<ComponentGroupRef Id="ProductComponents"/>';
const PRODUCT_END = '</Product>';

function savedProperty(property: string): string {
  return `SOCIALDESK_SAVED_${property}`;
}

function stringComponent(entry: PolicyProperty): string {
  return [
    `      <Component Id="SocialDeskPolicy${entry.valueName}" Guid="${entry.componentGuid}">`,
    `        <Condition><![CDATA[${entry.property}]]></Condition>`,
    `        <RegistryValue Root="HKLM" Key="${POLICY_KEY}" Name="${entry.valueName}" Type="string" Value="[${entry.property}]" KeyPath="yes"/>`,
    `      </Component>`,
  ].join('\n');
}

function lockComponent(entry: PolicyProperty): string {
  return [
    `      <Component Id="SocialDeskPolicy${entry.valueName}" Guid="${entry.componentGuid}">`,
    `        <Condition><![CDATA[${entry.property} = "1"]]></Condition>`,
    `        <RegistryValue Root="HKLM" Key="${POLICY_KEY}" Name="${entry.valueName}" Type="integer" Value="1" KeyPath="yes"/>`,
    `      </Component>`,
  ].join('\n');
}

function managedConfigurationFragment(): string {
  const lines: string[] = [
    '',
    '    <!-- Social Desk managed configuration (build/msi-project-created.ts). -->',
    // Secure: a per-machine install runs elevated, and only secure public properties given on
    // the msiexec command line are passed through to the elevated part of the install.
    ...POLICY_PROPERTIES.map(({ property }) => `    <Property Id="${property}" Secure="yes"/>`),
    // Remember the values already in policy, so that an in-place upgrade run without the
    // properties (msiexec /i new.msi /qn) keeps the hub and its lock instead of dropping them.
    ...POLICY_PROPERTIES.flatMap(({ property, valueName }) => [
      `    <Property Id="${savedProperty(property)}" Secure="yes">`,
      `      <RegistrySearch Id="SocialDeskSaved${valueName}" Root="HKLM" Key="${POLICY_KEY}" Name="${valueName}" Type="raw"/>`,
      `    </Property>`,
    ]),
    ...POLICY_PROPERTIES.map(({ property, valueName }) => {
      // A REG_DWORD comes back from a raw RegistrySearch as "#1".
      const [value, saved] =
        property === 'LOCK_HUB'
          ? ['1', `${savedProperty(property)} = "#1"`]
          : [`[${savedProperty(property)}]`, savedProperty(property)];
      return `    <SetProperty Id="${property}" Action="SocialDeskKeep${valueName}" Value="${value}" After="AppSearch" Sequence="both"><![CDATA[${saved} AND NOT ${property}]]></SetProperty>`;
    }),
    '    <Condition Message="LOCK_HUB must be 1 (lock the hub settings) or 0 (leave them unlocked)."><![CDATA[Installed OR NOT LOCK_HUB OR LOCK_HUB = "0" OR LOCK_HUB = "1"]]></Condition>',
    `    <ComponentGroup Id="${POLICY_COMPONENT_GROUP}" Directory="APPLICATIONFOLDER">`,
    ...POLICY_PROPERTIES.map((entry) =>
      entry.property === 'LOCK_HUB' ? lockComponent(entry) : stringComponent(entry),
    ),
    '    </ComponentGroup>',
    '  ',
  ];
  return lines.join('\n');
}

/** Returns the WiX project with the managed-configuration properties and policy components added. */
export function addManagedConfiguration(wxs: string): string {
  if (wxs.includes(`Id="${POLICY_COMPONENT_GROUP}"`)) return wxs;
  const featureAt = wxs.indexOf(FEATURE_ANCHOR);
  const productEndAt = wxs.lastIndexOf(PRODUCT_END);
  if (featureAt === -1 || productEndAt === -1 || productEndAt < featureAt) {
    throw new Error(
      `msiProjectCreated: the generated WiX project has no "${FEATURE_ANCHOR}" inside <Product>; ` +
        "app-builder-lib's MSI template has changed, so build/msi-project-created.ts must be updated.",
    );
  }
  const afterFeature = featureAt + FEATURE_ANCHOR.length;
  return (
    wxs.slice(0, afterFeature) +
    `\n      <ComponentGroupRef Id="${POLICY_COMPONENT_GROUP}"/>` +
    wxs.slice(afterFeature, productEndAt).trimEnd() +
    '\n' +
    managedConfigurationFragment() +
    wxs.slice(productEndAt)
  );
}

/** The hook itself: electron-builder passes the path of the generated project.wxs. */
export async function msiProjectCreated(projectFile: string): Promise<void> {
  const wxs = await readFile(projectFile, 'utf8');
  await writeFile(projectFile, addManagedConfiguration(wxs), 'utf8');
}
