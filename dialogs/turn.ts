/**
 * A turn, whatever the channel: who asks, in which language, and what — text typed, or the
 * payload of a button they pressed. Channel edges build it; dialogs answer it.
 */
import type { ActionPayload } from './reply';

export type Lang = 'fr' | 'en';

export interface Turn {
  /** Channel-prefixed id of the event (slack:T1:C1:ts, teams:…, web:…, cli:…): the operation key. */
  id: string;
  channel: 'slack' | 'teams' | 'web' | 'cli';
  /** The staff member (handle), already mapped from the channel's user id. */
  staff: string;
  lang: Lang;
  text?: string;
  action?: ActionPayload;
  /** For a press: the message its button was on (the edge's origin id); that card is replaced by the answer. */
  origin?: string;
  /** When it happened. */
  at: Date;
}
