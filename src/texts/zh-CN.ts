/**
 * The zh-CN table, by subject: each section is one object in ./sections, its keys
 * `<subject>.<what>`. See ../texts.ts for how code reads it.
 */
import { access } from './sections/access.js';
import { activities } from './sections/activities.js';
import { admin } from './sections/admin.js';
import { bot } from './sections/bot.js';
import { communities } from './sections/communities.js';
import { chatConsole } from './sections/chat-console.js';
import { deliverables } from './sections/deliverables.js';
import { tables } from './sections/tables.js';
import { fields } from './sections/fields.js';
import { hosting } from './sections/hosting.js';
import { jobs } from './sections/jobs.js';
import { notices } from './sections/notices.js';
import { platforms } from './sections/platforms.js';
import { reading } from './sections/reading.js';
import { units } from './sections/units.js';

export const zhCN = {
  ...bot,
  ...access,
  ...fields,
  ...units,
  ...reading,
  ...communities,
  ...activities,
  ...hosting,
  ...deliverables,
  ...admin,
  ...tables,
  ...notices,
  ...jobs,
  ...platforms,
  ...chatConsole,
} as const;
