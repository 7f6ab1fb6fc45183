/**
 * The synthetic portfolio the benchmarks share: N customers with K open invoices each,
 * spread over C controllers (handles c0…), plus one manager ("boss"). Deterministic.
 */
import type { Models } from '../models';
import { markDirty } from '../models/ledger/summaries';
import { addDays, type LocalDate, toStored } from '../models/rules/dates';

export interface PortfolioShape {
  customers: number;
  invoicesPerCustomer: number;
  controllers: number;
  today: LocalDate;
}

export async function loadPortfolio(models: Models, shape: PortfolioShape): Promise<void> {
  const { customers: n, invoicesPerCustomer, controllers, today } = shape;
  const staff = Array.from({ length: controllers }, (_, i) => ({
    handle: `c${i}`,
    name: `Controller ${i}`,
    email: `c${i}@relance.test`,
    role: 'credit_controller',
    active: true,
    language: 'en',
    timeZone: 'Europe/Paris',
  }));
  await models.Staff.collection.insertMany([
    ...staff,
    {
      handle: 'boss',
      name: 'Team Manager',
      email: 'boss@relance.test',
      role: 'manager',
      active: true,
      language: 'en',
      timeZone: 'Europe/Paris',
    },
  ]);
  for (let start = 0; start < n; start += 1000) {
    const customers = [];
    const invoices = [];
    for (let c = start; c < Math.min(n, start + 1000); c++) {
      const owner = `c${c % controllers}`;
      customers.push({
        reference: `C${c}`,
        name: `Customer ${c}`,
        owner,
        language: 'en',
        timeZone: 'Europe/Paris',
        strategic: c % 50 === 0,
        contacts: [{ name: `Contact ${c}`, phone: '+33 1 00 00 00 00', usual: true }],
        businessHours: { start: '09:00', end: '18:00' },
      });
      for (let k = 0; k < invoicesPerCustomer; k++) {
        const due = addDays(today, 30 - ((c * 7 + k * 13) % 200));
        const amount = 10_000 + ((c * 31 + k * 17) % 500_000);
        invoices.push({
          number: `I${c}-${k}`,
          customer: `C${c}`,
          owner,
          currency: c % 5 === 0 ? 'GBP' : 'EUR',
          amount,
          issueDate: toStored(addDays(due, -30)),
          dueDate: toStored(due),
          exportedPaid: 0,
          allocations: [],
          credits: [],
          amountPaid: 0,
          status: 'open',
          disputedAmount: k === 3 && c % 20 === 0 ? amount : 0,
        });
      }
    }
    await models.Customer.collection.insertMany(customers);
    await models.Invoice.collection.insertMany(invoices);
    await markDirty(
      models,
      customers.map((c) => ({ customer: c.reference, owner: c.owner })),
    );
  }
}
