import { describe, expect, it } from 'vitest';
import { readKioskConfig } from '../../src/kiosk/readKioskConfig';
import { resolveKiosk } from '../../src/kiosk/resolveKiosk';
import type { KioskOptions } from '../../src/kiosk/types';

const ok = { endpoint: 'https://c.example', storeId: 'hcm-1' };
const err = (o: Partial<KioskOptions>) => {
  const r = resolveKiosk(o as KioskOptions);
  return 'error' in r ? r.error : undefined;
};

describe('resolveKiosk', () => {
  it('applies the defaults', () => {
    const r = resolveKiosk(ok);
    expect(r).toMatchObject({
      storeId: 'hcm-1',
      scale: 'smiley4',
      touchpoint: 'store_kiosk',
      journeyStage: 'post_purchase',
      idleSeconds: 10,
      countdownSeconds: 5,
      thanksSeconds: 3,
      responseInterval: 5,
      heartbeatMinutes: 15,
      queueCap: 50_000,
      fullscreen: true,
      orderInput: false,
    });
    expect((r as { deviceId?: string }).deviceId).toBeUndefined();
  });

  it('refuses without a store id, and says how to give one', () => {
    expect(err({ endpoint: 'https://c.example' })).toMatch(/no store id.*data-store-id.*store_id/);
    expect(err({ ...ok, storeId: '' })).toMatch(/no store id/);
  });

  it('names the bad field', () => {
    expect(err({ ...ok, storeId: 'hcm 1' })).toMatch(/store id "hcm 1"/);
    expect(err({ ...ok, deviceId: '<x>' })).toMatch(/device id/);
    expect(err({ ...ok, endpoint: '' })).toMatch(/no endpoint/);
    expect(err({ ...ok, scale: 'bad' as never })).toMatch(/"scale"/);
    expect(err({ ...ok, journeyStage: 'x' as never })).toMatch(/"journeyStage"/);
    expect(err({ ...ok, idleSeconds: NaN })).toMatch(/"idleSeconds" must be a number from 3 to 600/);
    expect(err({ ...ok, responseInterval: -1 })).toMatch(/"responseInterval"/);
    expect(err({ ...ok, queueCap: 5 })).toMatch(/"queueCap"/);
    expect(err({ ...ok, countdownSeconds: 20 })).toMatch(/"countdownSeconds" must be a number from 0 to 10/);
    expect(err({ ...ok, touchpoint: 'x'.repeat(101) })).toMatch(/"touchpoint"/);
    expect(err(null as never)).toMatch(/missing/);
  });
});

describe('readKioskConfig', () => {
  it('reads data-* attributes, typed', () => {
    const d = document.createElement('script');
    Object.assign(d.dataset, {
      endpoint: 'https://c.example',
      storeId: 'hcm-1',
      deviceId: 'exit-2',
      idleSeconds: '20',
      heartbeatMinutes: '5',
      labels: 'a|b|c|d',
      reasons: 'Long wait | Staff|Price',
      orderInput: '',
      fullscreen: 'false',
      openingHours: 'mo-fr 08:00-21:00; sa,su 09:00-23:00',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(readKioskConfig(d.dataset, '')).toEqual({
      endpoint: 'https://c.example',
      storeId: 'hcm-1',
      deviceId: 'exit-2',
      idleSeconds: 20,
      heartbeatMinutes: 5,
      labels: ['a', 'b', 'c', 'd'],
      followUp: { negative: { reasons: ['Long wait', 'Staff', 'Price'] }, neutral: { reasons: ['Long wait', 'Staff', 'Price'] } },
      openingHours: 'mo-fr 08:00-21:00; sa,su 09:00-23:00',
      timeZone: 'Asia/Ho_Chi_Minh',
      orderInput: true,
      fullscreen: false,
    });
  });

  it('fills ids, endpoint, language and the order code from the URL; the tag wins', () => {
    const o = readKioskConfig({ storeId: 'from-tag' }, '?store_id=from-url&device_id=tab-3&endpoint=https://u.example&lang=vi&receipt=R-77&idle_seconds=1');
    expect(o).toEqual({ storeId: 'from-tag', deviceId: 'tab-3', endpoint: 'https://u.example', lang: 'vi', orderId: 'R-77' });
  });

  it('a bad number stays bad for the validation to name', () => {
    const o = readKioskConfig({ ...ok, idleSeconds: 'ten' } as never, '');
    expect(err(o)).toMatch(/"idleSeconds"/);
  });

  it('data-follow-up: none, comment only, or (default) the kiosk reasons', () => {
    expect(readKioskConfig({ followUp: 'none' }, '').followUp).toBe(false);
    expect(readKioskConfig({ followUp: 'comment' }, '').followUp).toEqual({ negative: { reasons: [] }, neutral: { reasons: [] }, positive: { reasons: [] } });
    expect(readKioskConfig({}, '').followUp).toBeUndefined();
  });
});
