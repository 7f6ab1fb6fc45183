/**
 * Slack in Socket Mode (teams behind a firewall): the real Bolt app opens its WebSocket through
 * `apps.connections.open` on a local fake Slack, acknowledges each envelope, and answers
 * through the Web API exactly as over HTTP. No request URL, no signing secret.
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { blockKitProblems, type FakeSlack, startFakeSlack } from '../../helpers/fake-slack';
import { NOW } from '../../helpers/ledger';

let relance: RunningRelance;
let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack();
  relance = await startRelance(
    parseConfig({
      PORT: '0',
      DATA_DIR: '',
      SCHEDULER_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_SOCKET_MODE: 'true',
      SLACK_API_URL: slack.apiUrl,
      WEBCHAT_ENABLED: 'false',
    }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
  await slack.close();
});

describe('Slack in Socket Mode', () => {
  it('acknowledges a DM envelope and answers it with Block Kit', async () => {
    const socket = await slack.socket();
    const from = slack.calls.length;
    socket.send({
      envelope_id: 'env-1',
      type: 'events_api',
      accepts_response_payload: false,
      payload: {
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: 'EvSocket1',
        event_time: 1_700_000_000,
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D0MARIE',
          user: 'U0DEMOMARIE',
          text: 'who should I call today?',
          ts: '1700000000.000001',
        },
      },
    });
    const posted = await slack.waitFor((c) => c.method === 'chat.postMessage', from);
    expect(posted.args.channel).toBe('D0MARIE');
    expect(blockKitProblems(posted.args.blocks)).toEqual([]);
    expect(JSON.stringify(posted.args.blocks)).toContain('Calls for Marie Lambert, today');
    expect(socket.acks).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
  });

  it('answers /relance over the socket through its response_url', async () => {
    const socket = await slack.socket();
    const from = slack.calls.length;
    socket.send({
      envelope_id: 'env-2',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: 'T1',
        channel_id: 'C0GENERAL',
        user_id: 'U0DEMOMARIE',
        command: '/relance',
        text: 'top 2',
        response_url: slack.responseUrl('socket-cmd'),
        trigger_id: 'trigger-socket',
      },
    });
    const answer = await slack.waitFor((c) => c.method === 'respond', from);
    expect(answer.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.args.blocks)).toMatch(/\*2\. /);
    expect(socket.acks).toContainEqual(expect.objectContaining({ envelope_id: 'env-2' }));
  });
});
