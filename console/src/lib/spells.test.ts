import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/fleet';
import { statusSpells } from './spells';

const event = (version: number, type: string, occurredAt: string): AuditEntry => ({
  service: 'fleet',
  sequence: version,
  streamId: 'JG-1',
  version,
  type,
  data: {},
  occurredAt,
  recordedAt: occurredAt,
  user: null,
  correlationId: null,
  causationId: null,
});

describe('statusSpells', () => {
  it('follows a vehicle from stock through a reservation, maintenance and back to its reservation, to delivery', () => {
    const spells = statusSpells([
      event(1, 'vehicle_registered_v1', '2026-01-01T00:00:00Z'),
      event(2, 'vehicle_reserved_v1', '2026-02-01T00:00:00Z'),
      event(3, 'usage_reported_v1', '2026-02-03T00:00:00Z'),
      event(4, 'maintenance_opened_v1', '2026-02-05T00:00:00Z'),
      event(5, 'maintenance_closed_v1', '2026-02-10T00:00:00Z'),
      event(6, 'vehicle_delivered_v1', '2026-03-01T00:00:00Z'),
    ]);
    expect(spells).toEqual([
      { status: 'InStock', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      { status: 'Reserved', from: '2026-02-01T00:00:00Z', to: '2026-02-05T00:00:00Z' },
      { status: 'InMaintenance', from: '2026-02-05T00:00:00Z', to: '2026-02-10T00:00:00Z' },
      { status: 'Reserved', from: '2026-02-10T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      { status: 'Delivered', from: '2026-03-01T00:00:00Z', to: null },
    ]);
  });

  it('keeps a loan going when a reservation released meanwhile changes nothing', () => {
    const spells = statusSpells([
      event(1, 'vehicle_registered_v1', '2026-01-01T00:00:00Z'),
      event(2, 'vehicle_lent_v1', '2026-01-10T00:00:00Z'),
      event(3, 'vehicle_reservation_released_v1', '2026-01-11T00:00:00Z'),
      event(4, 'vehicle_request_refused_v1', '2026-01-12T00:00:00Z'),
    ]);
    expect(spells.map((spell) => spell.status)).toEqual(['InStock', 'OnLoan']);
  });
});
