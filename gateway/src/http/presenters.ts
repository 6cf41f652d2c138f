// Records -> API DTOs: ISO times, no hashes, derived states spelled out.
import type { Principal } from '../accounts/authenticate.ts';
import type { AccountsContext, Actor } from '../accounts/context.ts';
import type { AuditRecord, InviteRecord, TokenRecord, UserRecord } from '../store/store.ts';
import { classifyInvite } from '../store/sqlite/invitesRepo.ts';
import { stateOf } from './state.ts';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function presentUser(u: UserRecord, domain: string) {
  return {
    username: u.username,
    jid: `${u.username}@${domain}`,
    status: u.status,
    roles: u.roles,
    admin: u.roles.includes('admin'),
    quotaBytes: u.quotaBytes,
    source: u.source,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export function presentInvite(i: InviteRecord, now: Date) {
  const state = classifyInvite(i, now);
  return {
    id: i.id,
    state: state === 'ok' ? 'active' : state,
    maxUses: i.maxUses,
    uses: i.uses,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    expiresAt: isoOrNull(i.expiresAt),
    revokedAt: isoOrNull(i.revokedAt),
    note: i.note,
  };
}

export function presentToken(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    owner: t.username,
    createdAt: t.createdAt.toISOString(),
    expiresAt: isoOrNull(t.expiresAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
    revokedAt: isoOrNull(t.revokedAt),
  };
}

export function presentAudit(e: AuditRecord) {
  return { id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, address: e.address, details: e.details };
}

export function presentPrincipal(p: Principal) {
  return { name: p.name, kind: p.kind, roles: p.roles };
}

/** The acting principal of an authenticated request, for use cases and the audit log. */
export function actorOf(ctx: { state: unknown }): Actor {
  const state = stateOf(ctx);
  return { name: state.principal?.name ?? 'anonymous', address: state.address ?? null };
}

export type { AccountsContext };
