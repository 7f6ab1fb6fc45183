/**
 * Bolt refuses signed requests older than five minutes but not those dated in the future,
 * which would let a captured request be replayed later. This check runs first, on the headers.
 */
import type http from 'node:http';
import { answerRefusal } from '../http-limits';

const MAX_SKEW_S = 5 * 60;

export function refuseFutureTimestamps(
  listener: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  onRefused: () => void,
  nowMs: () => number = Date.now,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > nowMs() / 1000 + MAX_SKEW_S) {
      onRefused();
      answerRefusal(req, res, {
        status: 401,
        code: 'UNAUTHORIZED',
        message: 'the request timestamp is in the future',
      });
      return;
    }
    listener(req, res);
  };
}
