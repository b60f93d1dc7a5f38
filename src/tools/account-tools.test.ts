import { describe, expect, it } from 'vitest';
import { getAccountBalanceHandler } from './get-account-balance';
import { getRecentOrdersHandler } from './get-recent-orders';
import { getUserProfileHandler } from './get-user-profile';
import { testContext } from './test-data-loader';

describe('account tools', () => {
  it('get_user_profile resolves the home store', async () => {
    const profile = await getUserProfileHandler({}, testContext());
    expect(profile).toMatchObject({
      name: 'Jordan Alvarez',
      tier: 'Gold',
      homeStoreId: 'sf-market',
      homeStoreName: 'Kestrel Market Street, San Francisco',
    });
    expect(profile.email).toContain('@');
    expect(profile.memberSince).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('get_account_balance returns the balance', async () => {
    const balance = await getAccountBalanceHandler({}, testContext());
    expect(balance).toMatchObject({ currency: 'USD', creditLimit: 5000 });
    expect(balance.available).toBeGreaterThan(0);
    expect(balance.pending).toBeGreaterThan(0);
  });

  it('get_recent_orders returns the newest orders first, up to the limit', async () => {
    const ctx = testContext();
    const all = await getRecentOrdersHandler({ limit: 20 }, ctx);
    const dates = all.orders.map((order) => order.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(all.totalOrders).toBe(all.orders.length);
    const defaults = await getRecentOrdersHandler({}, ctx);
    expect(defaults.orders).toHaveLength(5);
    const two = await getRecentOrdersHandler({ limit: 2 }, ctx);
    expect(two.orders).toEqual(all.orders.slice(0, 2));
    expect(two.orders[0]).toMatchObject({ status: 'processing', items: expect.any(Array) });
  });

  it.each([
    ['get_user_profile', getUserProfileHandler],
    ['get_account_balance', getAccountBalanceHandler],
    ['get_recent_orders', getRecentOrdersHandler],
  ] as const)('%s honours an aborted signal', async (_name, handler) => {
    await expect(handler({}, testContext(AbortSignal.abort()))).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
