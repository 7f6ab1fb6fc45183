import { isBreach, judgePromise } from '../../../models/rules/promises';

const eur = (date: string, amount: number) => ({ date, amount, currency: 'EUR' });

describe('judging payment promises', () => {
  const single = [eur('2026-11-20', 500_000)]; // 5,000.00 € promised for Friday 20 Nov

  it('is pending until the promised date plus grace, and kept when paid by then', () => {
    expect(judgePromise(single, [], '2026-11-20', 2, 'FR').status).toBe('pending');
    expect(judgePromise(single, [], '2026-11-24', 2, 'FR').status).toBe('pending'); // judged on Tue 24 Nov
    expect(judgePromise(single, [eur('2026-11-23', 500_000)], '2026-11-25', 2, 'FR').status).toBe('kept');
  });

  it('is kept at once when paid early, and broken when nothing came', () => {
    expect(judgePromise(single, [eur('2026-11-10', 500_000)], '2026-11-12', 2, 'FR').status).toBe('kept');
    const broken = judgePromise(single, [], '2026-11-25', 2, 'FR');
    expect(broken.status).toBe('broken');
    expect(isBreach(broken.status)).toBe(true);
  });

  it('judges instalments cumulatively: the second half-paid is partially kept', () => {
    const plan = [eur('2026-11-06', 300_000), eur('2026-11-20', 300_000)];
    const judged = judgePromise(
      plan,
      [eur('2026-11-05', 300_000), eur('2026-11-19', 150_000)],
      '2026-11-30',
      2,
      'FR',
    );
    expect(judged.instalments.map((i) => [i.status, i.paidToward])).toEqual([
      ['kept', 300_000],
      ['partially_kept', 150_000],
    ]);
    expect(judged.status).toBe('partially_kept');
    expect(judged.paid).toBe(450_000);
  });

  it('ignores payments in another currency', () => {
    expect(
      judgePromise(single, [{ date: '2026-11-19', amount: 500_000, currency: 'USD' }], '2026-11-30', 2, 'FR')
        .status,
    ).toBe('broken');
  });
});
