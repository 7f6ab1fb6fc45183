import { defaultPolicy } from '../../../models/rules/policy';
import {
  type CustomerPicture,
  rankCustomers,
  type Scored,
  scoreCustomer,
  TopRanked,
} from '../../../models/rules/scoring';

const policy = defaultPolicy();
const AS_OF = '2026-11-23'; // Monday
const NOON = new Date('2026-11-23T11:00:00Z'); // 12:00 in Paris

function customer(reference: string, overrides: Partial<CustomerPicture> = {}): CustomerPicture {
  return {
    reference,
    name: reference,
    owner: 'marie',
    strategic: false,
    timeZone: 'Europe/Paris',
    businessHours: { start: '09:00', end: '18:00' },
    creditLimit: null,
    contact: { name: 'Contact', phone: '+33 1 00 00 00 00' },
    open: [],
    promises: [],
    lastContact: null,
    reminders: [],
    ...overrides,
  };
}

/** An open invoice due `daysAgo` days before AS_OF, with the first call already made. */
function overdue(
  number: string,
  amount: number,
  dueDate: string,
  extra: Partial<CustomerPicture['open'][number]> = {},
) {
  return {
    number,
    currency: 'EUR',
    outstanding: amount,
    chaseable: amount,
    dueDate,
    issueDate: '2026-08-01',
    step: 'first_call',
    stepOn: '2026-11-18',
    ...extra,
  };
}

function rank(customers: CustomerPicture[], now: Date | null = NOON): string[] {
  return rankCustomers(
    customers.map((c) => scoreCustomer(c, AS_OF, now, policy)).filter((s): s is Scored => s !== null),
  ).map((s) => s.customer.reference);
}

describe('who to call first', () => {
  it('puts a broken promise above a larger but younger debt', () => {
    const broken = customer('BROKEN', {
      open: [overdue('B1', 200_000, '2026-10-20')],
      promises: [
        { status: 'broken', dates: ['2026-11-16'], amount: 200_000, currency: 'EUR', judgedOn: '2026-11-19' },
      ],
      lastContact: { on: '2026-11-10', kind: 'call' },
    });
    const big = customer('BIG', { open: [overdue('G1', 5_000_000, '2026-11-05')] });
    expect(rank([big, broken])).toEqual(['BROKEN', 'BIG']);
    expect(scoreCustomer(broken, AS_OF, NOON, policy)!.reason).toEqual({
      code: 'promise_broken',
      facts: { date: '2026-11-16', amount: 200_000, currency: 'EUR' },
    });
  });

  it('orders the tiers: broken promise, promise due, call-back, ladder call, money at risk', () => {
    const customers = [
      customer('MONEY', {
        open: [overdue('M1', 900_000, '2026-08-01', { step: 'manager_call', stepOn: '2026-11-20' })],
      }),
      customer('LADDER', { open: [overdue('L1', 10_000, '2026-11-10', { step: null, stepOn: null })] }), // first call due at D+3
      customer('CALLBACK', {
        open: [overdue('C1', 10_000, '2026-10-01')],
        callbackOn: '2026-11-23',
        lastContact: { on: '2026-11-20', kind: 'call' },
      }),
      customer('DUE', {
        open: [overdue('D1', 10_000, '2026-10-01')],
        promises: [{ status: 'pending', dates: ['2026-11-23'], amount: 10_000, currency: 'EUR' }],
      }),
      customer('BROKEN', {
        open: [overdue('X1', 10_000, '2026-10-01')],
        promises: [
          {
            status: 'broken',
            dates: ['2026-11-13'],
            amount: 10_000,
            currency: 'EUR',
            judgedOn: '2026-11-18',
          },
        ],
      }),
    ];
    expect(rank(customers)).toEqual(['BROKEN', 'DUE', 'CALLBACK', 'LADDER', 'MONEY']);
  });

  it('weighs money by age, then credit-limit usage, broken promises and the strategic flag', () => {
    const older = customer('OLDER', { open: [overdue('O1', 100_000, '2026-06-01')] });
    const younger = customer('YOUNGER', { open: [overdue('Y1', 100_000, '2026-11-01')] });
    expect(rank([younger, older])).toEqual(['OLDER', 'YOUNGER']);
    const strategic = customer('STRATEGIC', {
      strategic: true,
      open: [overdue('S1', 100_000, '2026-11-01')],
    });
    expect(rank([younger, strategic])).toEqual(['STRATEGIC', 'YOUNGER']);
    const overLimit = customer('LIMIT', {
      creditLimit: { amount: 50_000, currency: 'EUR' },
      open: [overdue('C1', 100_000, '2026-11-01')],
    });
    expect(rank([younger, overLimit])).toEqual(['LIMIT', 'YOUNGER']);
  });

  it('never chases disputed amounts and leaves recently contacted customers alone', () => {
    const disputed = customer('DISPUTED', { open: [overdue('D1', 300_000, '2026-09-01', { chaseable: 0 })] });
    expect(scoreCustomer(disputed, AS_OF, NOON, policy)).toBeNull();
    const partly = scoreCustomer(
      customer('PARTLY', { open: [overdue('P1', 300_000, '2026-09-01', { chaseable: 100_000 })] }),
      AS_OF,
      NOON,
      policy,
    );
    expect(partly!.overdue).toEqual({ EUR: 100_000 });
    const called = customer('CALLED', {
      open: [overdue('C1', 300_000, '2026-09-01')],
      lastContact: { on: '2026-11-20', kind: 'call' },
    });
    expect(scoreCustomer(called, AS_OF, NOON, policy)).toBeNull(); // 1 business day ago
    // ... unless a promise fell due since.
    const promised = {
      ...called,
      promises: [{ status: 'pending', dates: ['2026-11-23'], amount: 300_000, currency: 'EUR' }],
    };
    expect(scoreCustomer(promised, AS_OF, NOON, policy)!.reason.code).toBe('promise_due');
  });

  it('skips a snoozed customer and one whose business day is over', () => {
    const base = customer('A', { open: [overdue('A1', 300_000, '2026-09-01')] });
    expect(scoreCustomer({ ...base, snoozedUntil: '2026-11-25' }, AS_OF, NOON, policy)).toBeNull();
    expect(scoreCustomer({ ...base, snoozedUntil: '2026-11-23' }, AS_OF, NOON, policy)).not.toBeNull();
    const evening = new Date('2026-11-23T17:30:00Z'); // 18:30 in Paris, 17:30 in London
    expect(scoreCustomer(base, AS_OF, evening, policy)).toBeNull();
    expect(scoreCustomer({ ...base, timeZone: 'Europe/London' }, AS_OF, evening, policy)).not.toBeNull();
    expect(scoreCustomer(base, AS_OF, null, policy)).not.toBeNull(); // a list for another day
  });

  it('keeps amounts per currency and ranks by the largest, never their sum', () => {
    const mixed = customer('MIXED', {
      open: [
        overdue('E1', 100_000, '2026-10-01'),
        { ...overdue('U1', 80_000, '2026-10-01'), currency: 'USD' },
      ],
    });
    const single = customer('SINGLE', { open: [overdue('S1', 150_000, '2026-10-01')] });
    const scored = scoreCustomer(mixed, AS_OF, NOON, policy)!;
    expect(scored.overdue).toEqual({ EUR: 100_000, USD: 80_000 });
    expect(rank([mixed, single])).toEqual(['SINGLE', 'MIXED']);
  });
});

describe('ranking a credit manager agrees with', () => {
  it('within a band puts the larger and the older debt first', () => {
    const larger = customer('LARGER', { open: [overdue('L1', 900_000, '2026-10-01')] });
    const smaller = customer('SMALLER', { open: [overdue('S1', 300_000, '2026-10-01')] });
    const older = customer('OLDER', { open: [overdue('O1', 300_000, '2026-07-01')] });
    expect(rank([smaller, older, larger])).toEqual(['LARGER', 'OLDER', 'SMALLER']);
    // The same within the ladder band: two first calls due today.
    const call = (ref: string, amount: number, due: string) =>
      customer(ref, { open: [overdue(`${ref}1`, amount, due, { step: null, stepOn: null })] });
    const bigCall = call('BIGCALL', 2_000_000, '2026-11-18');
    const smallCall = call('SMALLCALL', 50_000, '2026-11-18');
    const oldCall = call('OLDCALL', 50_000, '2026-11-02');
    const ranked = rankCustomers(
      [smallCall, oldCall, bigCall].map((c) => scoreCustomer(c, AS_OF, NOON, policy)!),
    );
    expect(ranked.map((s) => s.reason.code)).toEqual(['ladder_call', 'ladder_call', 'ladder_call']);
    expect(ranked.map((s) => s.customer.reference)).toEqual(['BIGCALL', 'OLDCALL', 'SMALLCALL']);
  });

  it('lets money at risk dominate: usage, broken promises and the flag only part similar debts', () => {
    // €109,827 for 134 days against €2,252 on a strategic account twice over its limit, with
    // two promises broken last month.
    const big = customer('BIG', { open: [overdue('B1', 10_982_700, '2026-07-12')] });
    const small = customer('SMALL', {
      strategic: true,
      creditLimit: { amount: 100_000, currency: 'EUR' },
      open: [overdue('S1', 225_200, '2026-10-20')],
      promises: [
        { status: 'broken', dates: ['2026-10-26'], amount: 1, currency: 'EUR', judgedOn: '2026-10-28' },
        { status: 'broken', dates: ['2026-11-02'], amount: 1, currency: 'EUR', judgedOn: '2026-11-04' },
      ],
      lastContact: { on: '2026-11-05', kind: 'call' },
    });
    expect(rank([small, big])).toEqual(['BIG', 'SMALL']);
    // Between two debts of about the same size, the other signals still decide.
    const twin = customer('TWIN', { open: [overdue('T1', 10_000_000, '2026-07-12')], strategic: true });
    expect(rank([big, twin])).toEqual(['TWIN', 'BIG']);
  });

  it('keeps every band above the next, whatever the amounts', () => {
    const huge = customer('HUGE', { open: [overdue('H1', 900_000_000_000, '2020-01-01')] });
    const callback = customer('CALLBACK', {
      open: [overdue('C1', 100, '2026-11-20')],
      callbackOn: '2026-11-23',
      lastContact: { on: '2026-11-20', kind: 'call' },
    });
    expect(rank([huge, callback])).toEqual(['CALLBACK', 'HUGE']);
    const [first, second] = rankCustomers(
      [huge, callback].map((c) => scoreCustomer(c, AS_OF, NOON, policy)!),
    );
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it("gives a manager-call step to the manager's (team) list, with the controller named, not the controller's", () => {
    // Due 2026-10-20: the second reminder was sent, the manager call (D+30) is due.
    const managerStep = customer('MGR', {
      open: [overdue('M1', 225_200, '2026-10-20', { step: 'second_reminder', stepOn: '2026-11-09' })],
    });
    const mine = customer('MINE', {
      open: [overdue('X1', 10_982_700, '2026-07-12', { step: 'formal_notice' })],
    });
    const team = scoreCustomer(managerStep, AS_OF, NOON, policy, undefined, 'team');
    expect(team!.reason).toEqual({
      code: 'ladder_call',
      facts: { step: 'manager_call', invoice: 'M1', date: '2026-11-19', controller: 'marie' },
    });
    expect(scoreCustomer(managerStep, AS_OF, NOON, policy)).toBeNull(); // the controller's own list
    expect(rank([managerStep, mine])).toEqual(['MINE']);
  });
});

describe('the first entries of a long ranking', () => {
  it('are exactly the head of the full ranking, ties in the same order, whatever the arrival order', () => {
    // 400 customers in a few bands, many with equal scores and ages (ties break on reference).
    const scored = Array.from({ length: 400 }, (_, i) =>
      scoreCustomer(
        customer(`C${(i * 37) % 400}`, {
          strategic: i % 7 === 0,
          open: [overdue(`I${i}`, 100_000 * (1 + (i % 3)), i % 2 ? '2026-10-20' : '2026-09-15')],
          promises:
            i % 11 === 0
              ? [
                  {
                    status: 'broken',
                    dates: ['2026-11-16'],
                    amount: 50_000,
                    currency: 'EUR',
                    judgedOn: '2026-11-17',
                  },
                ]
              : [],
        }),
        AS_OF,
        NOON,
        policy,
      ),
    ).filter((s): s is Scored => s !== null);
    expect(scored.length).toBe(400);
    const full = rankCustomers(scored).map((s) => s.customer.reference);
    for (const k of [1, 10, 25, 400, 1000]) {
      const top = new TopRanked(k);
      for (const s of scored) top.add(s);
      expect(top.ranked.map((s) => s.customer.reference)).toEqual(full.slice(0, k));
      const reversed = new TopRanked(k);
      for (const s of [...scored].reverse()) reversed.add(s);
      expect(reversed.ranked.map((s) => s.customer.reference)).toEqual(full.slice(0, k));
    }
  });
});
