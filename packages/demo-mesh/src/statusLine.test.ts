import { formatStatusLine } from './statusLine';

describe('formatStatusLine', () => {
  it('says what was produced, processed and consumed, in one line', () => {
    const line = formatStatusLine({
      uptimeMs: 75 * 60_000,
      sent: new Map([
        ['checkout-orders-placed', 100],
        ['customer-profiles', 400],
        ['recent-sales-by-product', 30],
      ]),
      derived: ['recent-sales-by-product'],
      processed: [100, 20],
      dashboardRead: 25,
      dashboardLag: 5,
      top: 'Espresso machine',
    });
    expect(line).toBe(
      'up 1h15m · produced 500 source records · processors read 120, wrote 30 · sales-dashboard read 25 (lag 5), top seller: Espresso machine · page-views paused',
    );
    expect(line).not.toContain('\n');
  });

  it('says when the lag could not be read', () => {
    expect(
      formatStatusLine({
        uptimeMs: 0,
        sent: new Map(),
        derived: [],
        processed: [],
        dashboardRead: 0,
      }),
    ).toContain('sales-dashboard read 0 (lag ?) ·');
  });
});
