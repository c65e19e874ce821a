import { SalesLeaderboard } from './salesLeaderboard';

const sales = (sku: string, windowStart: number, revenueCents: number) => ({
  sku,
  productName: sku,
  windowStart,
  unitsSold: 1,
  revenueCents,
});

describe('SalesLeaderboard', () => {
  it('ranks the newest window by revenue, taking running totals as they come', () => {
    const board = new SalesLeaderboard();
    board.add(sales('A', 0, 100));
    board.add(sales('B', 60, 50));
    board.add(sales('C', 60, 70));
    board.add(sales('B', 60, 90));
    board.add(sales('A', 0, 500)); // an older window: ignored
    expect(board.top(5).map(s => [s.sku, s.revenueCents])).toEqual([
      ['B', 90],
      ['C', 70],
    ]);
    expect(board.top(1).map(s => s.sku)).toEqual(['B']);
  });
});
