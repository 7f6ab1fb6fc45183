/** What dialogs need from the outside: the ledger (models, policy, clock). Given, never imported from bot/. */
import Fuse from 'fuse.js';
import type { Models } from '../models';
import type { Clock } from '../models/clock';
import type { LocalDate } from '../models/rules/dates';
import type { Policy } from '../models/rules/policy';

export interface DialogServices {
  models: Models;
  policy: Policy;
  clock: Clock;
  today(): LocalDate;
}

export interface StaffMember {
  handle: string;
  name: string;
  role: string;
  language?: string | null;
  timeZone?: string | null;
}

export async function findStaffByHandle(
  services: DialogServices,
  handle: string,
): Promise<StaffMember | null> {
  return services.models.Staff.findOne(
    { handle: handle.toLowerCase() },
    { handle: 1, name: 1, role: 1, language: 1, timeZone: 1 },
  ).lean();
}

/** A person named in a request ("Marie", "marie", "Lambert"), matched loosely to the team. */
export async function findStaffByName(services: DialogServices, name: string): Promise<StaffMember | null> {
  const staff = await services.models.Staff.find(
    { active: { $ne: false } },
    { handle: 1, name: 1, role: 1, language: 1 },
  ).lean();
  const exact = staff.find((s) => s.handle === name.toLowerCase());
  if (exact) return exact;
  const fuse = new Fuse(staff, { keys: ['name', 'handle'], threshold: 0.3, ignoreLocation: true });
  return fuse.search(name)[0]?.item ?? null;
}
