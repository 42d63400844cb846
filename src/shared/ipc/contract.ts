import type { z } from 'zod';
import { appChannels } from './channels/app';
import { broadcastsChannels } from './channels/broadcasts';
import { deskChannels } from './channels/desk';
import { moderationChannels } from './channels/moderation';
import { leadsChannels } from './channels/leads';
import { slaChannels } from './channels/sla';
import { sessionChannels } from './channels/session';

/**
 * The one IPC contract: every channel the renderer may call, with the zod schemas of
 * its input and output. The preload, main's registration and the browser shell's bridge
 * are all derived from this map, so a channel exists everywhere or nowhere.
 */
export const ipcContract = {
  ...appChannels,
  ...sessionChannels,
  ...deskChannels,
  ...broadcastsChannels,
  ...moderationChannels,
  ...leadsChannels,
  ...slaChannels,
};
export type IpcContract = typeof ipcContract;
export type ChannelName = keyof IpcContract;
export type ChannelInput<C extends ChannelName> = z.input<IpcContract[C]['input']>;
export type ChannelArgs<C extends ChannelName> = z.output<IpcContract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<IpcContract[C]['output']>;

export const channelNames = Object.keys(ipcContract) as ChannelName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcContract, name);

/** Wire names used by the Electron transport. */
export const IPC_INVOKE = 'desk:invoke';
export const IPC_EVENT = 'desk:event';
