/**
 * Strings of the console's other screens, one module per area, each with `en` and `cy`
 * objects of the same shape. Register a new area here (one import, two spreads).
 */
import { cy as accountsCy, en as accountsEn } from './accounts';
import { cy as broadcastsCy, en as broadcastsEn } from './broadcasts';
import { cy as leadsCy, en as leadsEn } from './leads';
import { cy as moderationCy, en as moderationEn } from './moderation';
import { cy as slaCy, en as slaEn } from './sla';

export const areasEn = { ...accountsEn, ...broadcastsEn, ...leadsEn, ...moderationEn, ...slaEn };
export const areasCy = { ...accountsCy, ...broadcastsCy, ...leadsCy, ...moderationCy, ...slaCy };
