import { DWClient, TOPIC_CARD, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import { RobotMessage } from './message.js';
import { answerClick } from '../card-click.js';
import { CardCallback, handleRobotMessage, receiveRobotMessage, replyLate, toCardAction, type DingTalkDeps } from './receive.js';

/**
 * The SDK's client, with the gateway address from DINGTALK_API_BASE. dingtalk-stream 2.1.5
 * (dist/client.mjs) hard-codes GATEWAY_URL in getEndpoint(), which POSTs {clientId,
 * clientSecret, ua, subscriptions} and expects {endpoint, ticket}; everything else — the socket,
 * pings, reconnecting 1 s after a close — stays the SDK's own.
 *
 * One change of behaviour: on a SYSTEM `disconnect` frame the SDK only marks itself disconnected
 * and waits for the gateway to close the socket. We close it at once, so its reconnect starts
 * without waiting on the gateway.
 */
export class GatewayClient extends DWClient {
  constructor(
    opts: { clientId: string; clientSecret: string },
    private readonly gatewayUrl: string,
  ) {
    super({ ...opts, keepAlive: true });
  }

  override async getEndpoint(): Promise<this> {
    const c = this.getConfig();
    const res = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: c.clientId, clientSecret: c.clientSecret, ua: c.ua, subscriptions: c.subscriptions }),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await res.json().catch(() => undefined)) as { endpoint?: string; ticket?: string } | undefined;
    if (!res.ok || !data?.endpoint || !data.ticket) throw new Error(`DingTalk gateway: HTTP ${res.status}, no endpoint`);
    // The SDK keeps the socket address in a field it declares private.
    (this as unknown as { dw_url: string }).dw_url = `${data.endpoint}?ticket=${encodeURIComponent(data.ticket)}`;
    return this;
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers.topic === 'disconnect') {
      (this as unknown as { socket?: { terminate(): void } }).socket?.terminate();
    }
  }
}

/**
 * Stream mode: robot messages and card clicks arrive over the SDK's WebSocket. A robot message is
 * validated and written to the inbox — a frame the database could not take is not acknowledged,
 * and DingTalk redelivers it — then handled (once per msgId), answered through the outbox, and
 * acknowledged; a crash after the inbox write leaves it to the inbox worker (or a redelivery).
 */
export function startStream(deps: DingTalkDeps, creds: { clientId: string; clientSecret: string }, apiBase: string) {
  const client = new GatewayClient(creds, `${apiBase}/v1.0/gateway/connections/open`);
  const ack = (down: DWClientDownStream) => client.socketCallBackResponse(down.headers.messageId, {});

  client.registerCallbackListener(TOPIC_ROBOT, (down: DWClientDownStream) => {
    void (async () => {
      try {
        const r = RobotMessage.safeParse(JSON.parse(down.data));
        if (!r.success) {
          deps.logger.warn({ messageId: down.headers.messageId }, 'dingtalk stream message refused: not a robot message');
          ack(down);
          return;
        }
        try {
          await receiveRobotMessage(deps, r.data, 0);
        } catch (err) {
          // Not recorded, so not acknowledged: DingTalk delivers the frame again.
          deps.logger.error({ err, messageId: down.headers.messageId, msgId: r.data.msgId }, 'dingtalk stream message not recorded; not acknowledged');
          return;
        }
        // Recorded: acknowledged whatever follows (after the reply, so that a redelivery rarely
        // finds the work under way); a crash from here on is the inbox worker's to finish.
        try {
          await replyLate(deps, r.data, await handleRobotMessage(deps, r.data));
        } finally {
          ack(down);
        }
      } catch (err) {
        deps.logger.error({ err, messageId: down.headers.messageId }, 'dingtalk stream message failed');
        ack(down);
      }
    })();
  });

  client.registerCallbackListener(TOPIC_CARD, (down: DWClientDownStream) => {
    void (async () => {
      try {
        const r = CardCallback.safeParse(JSON.parse(down.data));
        const action = r.success ? toCardAction(r.data, `card:${down.headers.messageId}`) : undefined;
        if (!action) {
          deps.logger.warn({ messageId: down.headers.messageId }, 'dingtalk card callback refused: no action in it');
          return;
        }
        await answerClick(deps, deps.sender, action);
      } catch (err) {
        deps.logger.error({ err, messageId: down.headers.messageId }, 'dingtalk card callback failed');
      } finally {
        ack(down);
      }
    })();
  });

  void client.connect();
  return {
    client,
    status: () => ({ mode: 'stream', connected: client.connected }),
    stop: () => client.disconnect(),
  };
}
