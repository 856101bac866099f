import type { CommandDef } from '../src/bot/command.js';
import help from './help.js';
import bind from './bind.js';
import unbind from './unbind.js';
import setContact from './set-contact.js';
import me from './me.js';
import registerGroup from './register-group.js';
import listGroups from './list-groups.js';
import updateGroup from './update-group.js';
import registerEvent from './register-event.js';
import listEvents from './list-events.js';
import eventDone from './event-done.js';
import editGroup from './edit-group.js';
import deleteGroup from './delete-group.js';
import editEvent from './edit-event.js';
import cancelEvent from './cancel-event.js';
import withdrawRecommendation from './withdraw-recommendation.js';
import undo from './undo.js';
import recommend from './recommend.js';
import report from './report.js';
import host from './host.js';
import myHosts from './my-hosts.js';
import withdrawHost from './withdraw-host.js';
import rank from './rank.js';
import rankChart from './rank-chart.js';
import approvals from './approvals.js';
import approve from './approve.js';
import reject from './reject.js';
import setAdmin from './set-admin.js';
import setPush from './set-push.js';
import outboxStatus from './outbox-status.js';
import resend from './resend.js';
import deliver from './deliver.js';
import deliverablesStatus from './deliverables-status.js';
import setCapacity from './set-capacity.js';
import exportTables from './export.js';
import notReported from './not-reported.js';

/** Every chat command, in the order help lists them. */
export const commands: readonly CommandDef[] = [
  help, bind, unbind, me, setPush, undo,
  recommend, withdrawRecommendation, report, rank, rankChart, notReported,
  registerGroup, listGroups, updateGroup, editGroup, deleteGroup,
  registerEvent, listEvents, eventDone, editEvent, cancelEvent,
  host, myHosts, withdrawHost, deliver,
  approvals, approve, reject, setCapacity,
  outboxStatus, resend, deliverablesStatus, exportTables,
  setAdmin, setContact,
];
