import type { AuditEntry, VehicleStatus } from '../api/fleet';

/** A stretch of time a vehicle stood in one status; `to` is null for the one it is in now. */
export interface StatusSpell {
  status: VehicleStatus;
  from: string;
  to: string | null;
}

// The status each event of a vehicle's stream leads to (services/Fleet/JinGong.Fleet/Vehicles/Vehicle.cs, Apply);
// null: it leaves the status as it is (usage, a refused request).
const statusAfter: Record<string, (current: VehicleStatus | undefined, beforeMaintenance: VehicleStatus | undefined) => VehicleStatus | null> = {
  vehicle_registered_v1: () => 'InStock',
  vehicle_reserved_v1: () => 'Reserved',
  vehicle_reservation_released_v1: (current) => (current === 'Reserved' ? 'InStock' : null),
  vehicle_transfer_started_v1: () => 'InTransit',
  vehicle_transfer_arrived_v1: () => 'InStock',
  vehicle_lent_v1: () => 'OnLoan',
  vehicle_returned_v1: () => 'InStock',
  vehicle_delivered_v1: () => 'Delivered',
  maintenance_opened_v1: () => 'InMaintenance',
  maintenance_closed_v1: (_, beforeMaintenance) => beforeMaintenance ?? 'InStock',
  vehicle_retired_v1: () => 'Retired',
};

/** The status spells a vehicle's history tells, in business time (when each event occurred). */
export function statusSpells(history: readonly AuditEntry[]): StatusSpell[] {
  const spells: StatusSpell[] = [];
  let beforeMaintenance: VehicleStatus | undefined;
  for (const entry of history) {
    const current = spells.at(-1);
    const next = statusAfter[entry.type]?.(current?.status, beforeMaintenance) ?? null;
    const at = entry.occurredAt ?? entry.recordedAt;
    if (next === null || next === current?.status) {
      continue;
    }
    beforeMaintenance = next === 'InMaintenance' ? current?.status : undefined;
    if (current) {
      current.to = at;
    }
    spells.push({ status: next, from: at, to: null });
  }
  return spells;
}
