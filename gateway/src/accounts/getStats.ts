// Numbers for the admin dashboard: users by status, admins, online users (null when Prosody
// cannot be asked) and registrations per UTC day, zero-filled, oldest first.
import type { AccountsContext } from './context.ts';

export interface Stats {
  users: { total: number; active: number; disabled: number; admins: number };
  online: number | null;
  registrationsPerDay: Array<{ day: string; count: number }>;
}

export async function getStats(ctx: AccountsContext, days: number): Promise<Stats> {
  const today = ctx.now();
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)));
  const [active, disabled, admins, perDay, online] = await Promise.all([
    ctx.store.users.count({ status: 'active' }),
    ctx.store.users.count({ status: 'disabled' }),
    ctx.store.users.count({ role: 'admin' }),
    ctx.store.users.countCreatedByDay(first),
    ctx.prosody.online().then((u) => u.length, () => null),
  ]);
  const counts = new Map(perDay.map((d) => [d.day, d.count]));
  const registrationsPerDay = Array.from({ length: days }, (_, i) => {
    const day = new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
  return { users: { total: active + disabled, active, disabled, admins }, online, registrationsPerDay };
}
