import { randomUUID } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { approvalKey } from '../../../src/bot/card-actions.js';
import { WeComCallbacks } from '../../fakes/wecom.js';
import { KINDS } from '../../helpers/db.js';
import { APP_KEYS, useWeComServer, type WeComServer } from '../../helpers/wecom.js';

/** A host request made through the smart bot by a contact of `unit`, returned by id. */
async function hostRequest(s: WeComServer, unit: string, theme: string): Promise<number> {
  const chatid = `wrk-${randomUUID()}`;
  const user = `u-${randomUUID().slice(0, 8)}`;
  await s.bot.postBot(s.base, s.bot.botText(`绑定 ${unit}`, { chatid, userid: user }));
  const r = await s.bot.postBot(
    s.base,
    s.bot.botText(`申报承办 月份=2020-07 主题=${theme} 日期=7月18日下午2点 地点=市工人文化宫 人数=200`, { chatid, userid: user }),
  );
  expect(r.reply.stream.content).toContain('已提交，等待省总工会审批');
  return (await s.app.database.prisma.hostRequest.findFirstOrThrow({ where: { theme } })).id;
}

describe.each(KINDS)('WeCom application callback on %s', (kind) => {
  const s = useWeComServer(kind, { SUPERADMINS: 'wecom:admin1' });

  it('answers the URL verification', async () => {
    const { base, appCb } = s();
    const echostr = appCb.seal('112233');
    const q = appCb.signedQuery(echostr);
    q.set('echostr', echostr);
    const res = await fetch(`${base}/wecom/app?${q}`);
    expect(await res.text()).toBe('112233');
  });

  it('an admin types in the application chat and gets an encrypted passive reply', async () => {
    const { base, appCb } = s();
    const r = await appCb.postApp(base, appCb.appText('admin1', '审批列表'));
    expect(r.status).toBe(200);
    expect(r.reply).toContain('<ToUserName><![CDATA[admin1]]></ToUserName>');
    expect(r.reply).toContain(`<FromUserName><![CDATA[${APP_KEYS.receiveId}]]></FromUserName>`);
    expect(r.reply).toMatch(/<Content><!\[CDATA\[[^]*(待审批|没有)[^]*\]\]><\/Content>/);
  });

  it('a card is sent to admins as a button_interaction template card through message/send', async () => {
    const { app, fake } = s();
    const sender = app.platformSenders.wecom;
    await sender.sendCard(['admin1', 'admin2'], {
      taskId: 'host-1-abc',
      title: '承办申报 #1：长沙市总工会',
      description: '2020-07 劳模讲书',
      fields: [['单位', '长沙市总工会'], ['月份', '2020-07']],
      buttons: [
        { key: approvalKey('approve', 1), text: '批准', style: 'primary' },
        { key: approvalKey('reject', 1), text: '驳回', style: 'danger' },
      ],
    });
    const [call] = fake.calls('/cgi-bin/message/send').slice(-1);
    expect(call.body).toMatchObject({
      touser: 'admin1|admin2',
      msgtype: 'template_card',
      agentid: 1000002,
      template_card: {
        card_type: 'button_interaction',
        task_id: 'host-1-abc',
        button_list: [
          { key: 'approve:1', text: '批准' },
          { key: 'reject:1', text: '驳回' },
        ],
      },
    });
    expect(fake.calls('/cgi-bin/gettoken').length).toBeGreaterThanOrEqual(1);
  });

  it('a click reaches the approval handler: decided once, card updated with the response code, admin told', async () => {
    const srv = s();
    const { base, appCb, fake, app } = srv;
    const id = await hostRequest(srv, '长沙', `劳模讲书${kind}`);
    const code = fake.issueResponseCode();
    const click = appCb.appCardClick('admin1', `host-${id}`, approvalKey('approve', id), code);
    const before = fake.calls('/cgi-bin/message/update_template_card').length;
    const r = await appCb.postApp(base, click);
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const updates = await fake.waitFor('/cgi-bin/message/update_template_card', before + 1);
    expect(updates.at(-1)!.body).toMatchObject({ userids: ['admin1'], agentid: 1000002, response_code: code, button: { replace_name: '已批准' } });
    await expect.poll(() => fake.calls('/cgi-bin/message/send').some((c) => c.body.touser === 'admin1' && c.body.text?.content.includes(`已批准 #${id}`))).toBe(true);
    expect((await app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');

    // The same click delivered again has no second effect.
    await appCb.postApp(base, click);
    await app.inflight.drain();
    expect(await app.database.prisma.auditLog.count({ where: { action: 'approve', entityId: String(id) } })).toBe(1);
  });

  it('a click by someone who is not an admin changes nothing and updates no card', async () => {
    const srv = s();
    const { base, appCb, fake, app } = srv;
    const id = await hostRequest(srv, '株洲', `读书沙龙${kind}`);
    const code = fake.issueResponseCode();
    await appCb.postApp(base, appCb.appCardClick('stranger', `host-${id}`, approvalKey('approve', id), code));
    await expect.poll(() => fake.calls('/cgi-bin/message/send').some((c) => c.body.touser === 'stranger')).toBe(true);
    await app.inflight.drain();
    const told = fake.calls('/cgi-bin/message/send').find((c) => c.body.touser === 'stranger')!;
    expect(told.body.text.content).toContain('只有省总工会管理员');
    expect(fake.calls('/cgi-bin/message/update_template_card').some((c) => c.body.response_code === code)).toBe(false);
    expect(srv.logs.some((l) => l.includes('clicked by a non-admin') && l.includes('"userId":"stranger"'))).toBe(true);
    expect((await app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
  });

  it('refuses a wrong receive id, a forged signature, a DOCTYPE and malformed XML, storing nothing', async () => {
    const { base, appCb, app, clock } = s();
    const processed = await app.database.prisma.processedMessage.count();
    const otherCorp = new WeComCallbacks({ ...APP_KEYS, receiveId: 'wwothercorp' }, clock.read);
    expect((await otherCorp.postApp(base, appCb.appText('admin1', '帮助'))).status).toBe(401);
    expect((await appCb.postApp(base, appCb.appText('admin1', '帮助'), { msg_signature: 'a'.repeat(40) })).status).toBe(401);
    const post = (body: string) =>
      fetch(`${base}/wecom/app?${appCb.signedQuery('x')}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect((await post('<xml><Encrypt>x</Encrypt>')).status).toBe(400);
    expect((await post('<!DOCTYPE xml [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>')).status).toBe(400);
    expect((await post('<xml><Nothing/></xml>')).status).toBe(400);
    // Decrypts, but the inner XML is not a message.
    expect((await appCb.postApp(base, '<xml><Foo>1</Foo></xml>')).status).toBe(400);
    expect(await app.database.prisma.processedMessage.count()).toBe(processed);
  });

  it('refuses with a 400 a verified message that lacks what its type needs: a text its MsgId or Content, a click its TaskId or EventKey', async () => {
    const { base, appCb, app, clock, logs } = s();
    const prisma = app.database.prisma;
    const before = { processed: await prisma.processedMessage.count(), audit: await prisma.auditLog.count() };
    const t = Math.floor(clock.now.getTime() / 1000);
    const head = `<ToUserName><![CDATA[${APP_KEYS.receiveId}]]></ToUserName><FromUserName><![CDATA[admin1]]></FromUserName><CreateTime>${t}</CreateTime>`;
    const incomplete = [
      `<xml>${head}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><AgentID>1000002</AgentID></xml>`,
      `<xml>${head}<MsgType><![CDATA[text]]></MsgType><MsgId>${Date.now()}1</MsgId><AgentID>1000002</AgentID></xml>`,
      `<xml>${head}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[approve:1]]></EventKey><AgentID>1000002</AgentID></xml>`,
      `<xml>${head}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><TaskId><![CDATA[host-1]]></TaskId><AgentID>1000002</AgentID></xml>`,
    ];
    for (const xml of incomplete) expect({ xml, status: (await appCb.postApp(base, xml)).status }).toEqual({ xml, status: 400 });
    expect(logs.filter((l) => l.includes('XML of an unexpected shape')).length).toBeGreaterThanOrEqual(incomplete.length);
    expect({ processed: await prisma.processedMessage.count(), audit: await prisma.auditLog.count() }).toEqual(before);
    // Messages and events we do nothing with are still answered empty.
    const enter = `<xml>${head}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><AgentID>1000002</AgentID></xml>`;
    expect(await appCb.postApp(base, enter)).toMatchObject({ status: 200, text: '' });
  });
});

describe('WeCom application: a reply not ready in time goes by message/send', () => {
  const s = useWeComServer('sqlite', { SUPERADMINS: 'wecom:admin1', WECOM_REPLY_WAIT_MS: '0' });

  it('answers empty at once, then sends the reply as an application text', async () => {
    const { base, appCb, fake } = s();
    const r = await appCb.postApp(base, appCb.appText('admin1', '我的'));
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    await expect.poll(() => fake.calls('/cgi-bin/message/send').find((c) => c.body.msgtype === 'text')?.body).toMatchObject({
      touser: 'admin1',
      agentid: 1000002,
      text: { content: expect.stringContaining('超级管理员') },
    });
  });
});

describe('WeCom application callback with the official sample (interoperability)', () => {
  // sbzhu/weworkapi_php callback/Sample.php: CorpID, Token and EncodingAESKey, and the POST it shows.
  const s = useWeComServer(
    'sqlite',
    { WECOM_CORP_ID: 'wx5823bf96d3bd56c7', WECOM_APP_TOKEN: 'QDG6eK', WECOM_APP_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' },
    '2014-09-02T20:16:55+08:00',
  );

  it('takes the published encrypted "hello" from mycreate through the real HTTP path', async () => {
    const { base, app } = s();
    const q = 'msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149';
    const body =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
    const res = await fetch(`${base}/wecom/app?${q}`, { method: 'POST', body });
    expect(res.status).toBe(200);
    const xml = await res.text();
    const enc = /<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(xml)![1];
    const ts = /<TimeStamp>(\d+)</.exec(xml)![1];
    expect(getSignature('QDG6eK', ts, '1372623149', enc)).toBe(/<MsgSignature><!\[CDATA\[(.*?)\]\]>/.exec(xml)![1]);
    const plain = decrypt('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', enc);
    expect(plain.id).toBe('wx5823bf96d3bd56c7');
    expect(plain.message).toContain('<ToUserName><![CDATA[mycreate]]></ToUserName>');
    expect(plain.message).toContain('您好！我是');
    expect(await app.database.prisma.processedMessage.count({ where: { messageId: 'app:4561255354251345929' } })).toBe(1);
  });
});
