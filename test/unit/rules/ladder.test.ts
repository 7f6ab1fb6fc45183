import {
  applyReminderCap,
  escalateOneStep,
  type LadderHistory,
  ladderPosition,
} from '../../../models/rules/ladder';
import { defaultPolicy } from '../../../models/rules/policy';
import { invoice, paidBy } from '../../helpers/invoices';

const policy = defaultPolicy();
const fresh: LadderHistory = { customerReminders: [] };
const AS_OF = '2026-11-23'; // a Monday

describe('the escalation ladder', () => {
  it('starts an overdue invoice with the first call at D+3, skipping pre-due care', () => {
    const pos = ladderPosition(invoice({ dueDate: '2026-11-10' }), fresh, policy, AS_OF);
    expect(pos.status).toBe('due');
    expect(pos.next).toMatchObject({ step: { key: 'first_call' }, on: '2026-11-13' });
  });

  it('offers a preventive reminder at D-5, and a pre-due call first for large invoices', () => {
    const small = ladderPosition(
      invoice({ issueDate: '2026-11-20', dueDate: '2026-12-20' }),
      fresh,
      policy,
      AS_OF,
    );
    expect(small).toMatchObject({
      status: 'scheduled',
      next: { step: { key: 'preventive_reminder' }, on: '2026-12-15' },
    });
    const large = ladderPosition(
      invoice({ amount: 2_500_000, issueDate: '2026-11-20', dueDate: '2026-12-20' }),
      fresh,
      policy,
      AS_OF,
    );
    expect(large).toMatchObject({ status: 'due', next: { step: { key: 'pre_due_call' }, on: '2026-11-23' } });
  });

  it('goes to the letter at D+10 after the call, keeping a minimum gap between steps', () => {
    const pos = ladderPosition(
      invoice({ dueDate: '2026-11-10' }),
      { lastStep: 'first_call', lastStepOn: '2026-11-19', customerReminders: [] },
      policy,
      AS_OF,
    );
    // D+10 is 20 Nov, but the call was on 19 Nov: three business days later is 24 Nov.
    expect(pos).toMatchObject({
      status: 'scheduled',
      current: 'first_call',
      next: { step: { key: 'reminder_letter' }, on: '2026-11-24' },
    });
  });

  it('pauses a fully disputed invoice; a partly disputed one keeps going on the rest', () => {
    expect(
      ladderPosition(invoice({ dueDate: '2026-11-10', disputedAmount: 100_000 }), fresh, policy, AS_OF)
        .status,
    ).toBe('paused_dispute');
    expect(
      ladderPosition(invoice({ dueDate: '2026-11-10', disputedAmount: 40_000 }), fresh, policy, AS_OF).status,
    ).toBe('due');
  });

  it('waits for a pending promise plus grace', () => {
    const pos = ladderPosition(
      invoice({ dueDate: '2026-11-10' }),
      { promisedUntil: '2026-11-27', customerReminders: [] },
      policy,
      AS_OF,
    );
    // judged on 27 Nov + 2 business days (1 Dec); the next step comes the business day after.
    expect(pos).toMatchObject({ status: 'waiting_promise', next: { on: '2026-12-02' } });
  });

  it('holds back a reminder beyond the cap instead of repeating it', () => {
    const history: LadderHistory = {
      lastStep: 'first_call',
      lastStepOn: '2026-11-13',
      customerReminders: ['2026-10-29', '2026-11-05', '2026-11-12'],
    };
    const pos = ladderPosition(invoice({ dueDate: '2026-11-10' }), history, policy, AS_OF);
    // three reminders within 30 days: the next one waits until 29 Oct leaves the window (28 Nov → Monday 30 Nov).
    expect(pos).toMatchObject({
      status: 'capped',
      next: { step: { key: 'reminder_letter' }, on: '2026-11-30' },
    });
    expect(applyReminderCap('2026-11-23', ['2026-11-01'], policy)).toBe('2026-11-23');
  });

  it('has nothing to chase on a paid invoice and nothing after the hand-over', () => {
    expect(
      ladderPosition(paidBy([{ date: '2026-11-01', amount: 100_000 }]), fresh, policy, AS_OF).status,
    ).toBe('settled');
    const done = ladderPosition(
      invoice(),
      { lastStep: 'handover', lastStepOn: '2026-06-01', customerReminders: [] },
      policy,
      AS_OF,
    );
    expect(done).toEqual({ status: 'complete', current: 'handover', next: null });
  });

  it('escalates one step when a promise is broken', () => {
    const inv = invoice({ dueDate: '2026-10-01' });
    expect(escalateOneStep(inv, { lastStep: 'reminder_letter', customerReminders: [] }, policy, AS_OF)).toBe(
      'second_reminder',
    );
    expect(escalateOneStep(inv, fresh, policy, AS_OF)).toBe('first_call');
  });
});
