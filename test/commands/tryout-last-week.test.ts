import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { tick } from '../jobs/helpers.js';

/** The rankings begin with the week of 8 June (CAMPAIGN_RANKING_START): no ranking closed the week before. */
describe.each(KINDS)('上报 上周 for a week before the rankings began on %s', (kind) => {
  const bot = useBot(kind, '2020-06-08T08:00:00+08:00');

  it('is not refused as if its ranking had gone out', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    // The Monday ranking run happens, but publishes nothing for the week of 1 June.
    expect(await tick(b, '2020-06-08T09:00:00+08:00')).toContain('weekly-ranking 2020-06-08 09:00');
    b.clock.set('2020-06-10T10:00:00+08:00');
    const reply = await b.say('王芳', '长沙群', '上报 荐读 35 上周');
    expect(reply).not.toContain('已于');
    expect(reply).toContain('已上报「长沙市总工会」上周（6月1日—6月7日）好书荐读参与人数：35');
  });
});
