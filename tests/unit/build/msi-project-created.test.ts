import { mkdtempSync, rmSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMsiHook } from './builder-config';

const POLICY_COMPONENT_GROUP = 'SocialDeskPolicyComponents';

const WIX = 'http://wixtoolset.org/schemas/v4/wxs';
// Rendered from app-builder-lib 26's templates/msi/template.xml the way MsiTarget.writeManifest
// renders it for this configuration (per machine, Start-menu shortcut, no desktop shortcut).
const FIXTURE = join(import.meta.dirname, 'fixtures/electron-builder-26-project.wxs.xml');
const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function parse(xml: string): Document {
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return document;
}

function elements(parent: Document | Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(WIX, name));
}

function children(parent: Element, name: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).localName === name,
  );
}

function byId(document: Document, name: string, id: string): Element {
  const found = elements(document, name).filter((element) => element.getAttribute('Id') === id);
  expect(found, `${name} ${id}`).toHaveLength(1);
  return found[0] as Element;
}

const work = mkdtempSync(join(tmpdir(), 'desk-wxs-'));
let hook: (projectFile: string) => Promise<void>;
let projects = 0;

beforeAll(async () => {
  hook = await loadMsiHook();
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Runs the configured hook on a copy of the fixture, as electron-builder does on project.wxs. */
async function transformedFixture(): Promise<{
  original: Document;
  result: Document;
  text: string;
  file: string;
}> {
  projects += 1;
  const file = join(work, `project-${String(projects)}.wxs`);
  await copyFile(FIXTURE, file);
  await hook(file);
  const text = await readFile(file, 'utf8');
  return { original: parse(await readFile(FIXTURE, 'utf8')), result: parse(text), text, file };
}

describe('msiProjectCreated hook', () => {
  it('declares HUB_URL, HUB_CA_FILE and LOCK_HUB as secure public properties with no default', async () => {
    const { result } = await transformedFixture();
    for (const id of ['HUB_URL', 'HUB_CA_FILE', 'LOCK_HUB']) {
      const property = byId(result, 'Property', id);
      expect(property.getAttribute('Secure')).toBe('yes');
      expect(property.hasAttribute('Value')).toBe(false);
      expect(property.parentNode).toBe(elements(result, 'Product')[0]);
    }
  });

  it('adds one conditional HKLM policy component per property, referenced by the product feature', async () => {
    const { result } = await transformedFixture();
    const group = byId(result, 'ComponentGroup', POLICY_COMPONENT_GROUP);
    expect(group.getAttribute('Directory')).toBe('APPLICATIONFOLDER');
    const feature = byId(result, 'Feature', 'ProductFeature');
    const refs = children(feature, 'ComponentGroupRef').map((ref) => ref.getAttribute('Id'));
    expect(refs).toEqual(['ProductComponents', POLICY_COMPONENT_GROUP]);

    const components = children(group, 'Component').map((component) => {
      const [value] = children(component, 'RegistryValue');
      const [condition] = children(component, 'Condition');
      return {
        guid: component.getAttribute('Guid') ?? '',
        condition: condition?.textContent,
        root: value?.getAttribute('Root'),
        key: value?.getAttribute('Key'),
        name: value?.getAttribute('Name'),
        type: value?.getAttribute('Type'),
        value: value?.getAttribute('Value'),
        keyPath: value?.getAttribute('KeyPath'),
      };
    });
    expect(components.map(({ guid: _guid, ...rest }) => rest)).toEqual([
      {
        condition: 'HUB_URL',
        root: 'HKLM',
        key: 'SOFTWARE\\Policies\\SocialDesk',
        name: 'HubUrl',
        type: 'string',
        value: '[HUB_URL]',
        keyPath: 'yes',
      },
      {
        condition: 'HUB_CA_FILE',
        root: 'HKLM',
        key: 'SOFTWARE\\Policies\\SocialDesk',
        name: 'HubCaFile',
        type: 'string',
        value: '[HUB_CA_FILE]',
        keyPath: 'yes',
      },
      {
        condition: 'LOCK_HUB = "1"',
        root: 'HKLM',
        key: 'SOFTWARE\\Policies\\SocialDesk',
        name: 'LockHub',
        type: 'integer',
        value: '1',
        keyPath: 'yes',
      },
    ]);
    // Fixed, distinct GUIDs: an upgrade must recognise the same components.
    expect(components.map(({ guid }) => guid)).toEqual([
      'EFC75ADB-4D82-454F-8E34-B09BEA932700',
      'BA7F8B1B-3F40-4816-BD8D-002CD17447E0',
      '5C0B3986-366B-4C11-951D-67526417F159',
    ]);
    for (const { guid } of components) expect(guid).toMatch(GUID);
  });

  it('remembers the installed policy so an upgrade without properties keeps the hub and its lock', async () => {
    const { result } = await transformedFixture();
    for (const [property, valueName] of [
      ['HUB_URL', 'HubUrl'],
      ['HUB_CA_FILE', 'HubCaFile'],
      ['LOCK_HUB', 'LockHub'],
    ] as const) {
      const saved = byId(result, 'Property', `SOCIALDESK_SAVED_${property}`);
      const [search] = children(saved, 'RegistrySearch');
      expect(search?.getAttribute('Root')).toBe('HKLM');
      expect(search?.getAttribute('Key')).toBe('SOFTWARE\\Policies\\SocialDesk');
      expect(search?.getAttribute('Name')).toBe(valueName);
      const restore = elements(result, 'SetProperty').find(
        (element) => element.getAttribute('Id') === property,
      );
      expect(restore?.getAttribute('After')).toBe('AppSearch');
      expect(restore?.getAttribute('Sequence')).toBe('both');
      // A value given on the msiexec command line always wins over the remembered one.
      expect(restore?.textContent).toContain(`NOT ${property}`);
    }
    const actions = elements(result, 'SetProperty').map((element) => element.getAttribute('Action'));
    expect(new Set(actions).size).toBe(3);
  });

  it('refuses a LOCK_HUB other than 0 or 1 with a clear message', async () => {
    const { result } = await transformedFixture();
    const conditions = children(elements(result, 'Product')[0] as Element, 'Condition');
    const lock = conditions.find((condition) => condition.getAttribute('Message')?.includes('LOCK_HUB'));
    expect(lock?.textContent).toBe('Installed OR NOT LOCK_HUB OR LOCK_HUB = "0" OR LOCK_HUB = "1"');
  });

  it('leaves everything app-builder-lib generated in place', async () => {
    const { original, result, text } = await transformedFixture();
    const files = (document: Document): string[] =>
      elements(document, 'File').map((file) => file.getAttribute('Source') ?? '');
    expect(files(result)).toEqual(files(original));
    expect(files(result)).toHaveLength(6);
    expect(byId(result, 'Shortcut', 'startMenuShortcut').getAttribute('Directory')).toBe('ProgramMenuFolder');
    expect(byId(result, 'Property', 'ALLUSERS').getAttribute('Value')).toBe('1');
    expect(elements(result, 'Product')[0]?.getAttribute('UpgradeCode')).toBe(
      '06FD4555-07E7-4962-BA95-A2762AF28129',
    );
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('is idempotent', async () => {
    const { text, file } = await transformedFixture();
    await hook(file);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('fails the build loudly when the template no longer has the anchors it needs', async () => {
    const file = join(work, 'changed-template.wxs');
    await writeFile(file, '<Wix><Product></Product></Wix>');
    await expect(hook(file)).rejects.toThrow(/MSI template has changed/);
    expect(await readFile(file, 'utf8')).toBe('<Wix><Product></Product></Wix>');
  });
});
