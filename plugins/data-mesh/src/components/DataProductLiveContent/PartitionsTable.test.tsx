import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { PartitionsTable, recordCount } from './PartitionsTable';

describe('PartitionsTable', () => {
  it('counts records and says how old each newest record was when observed', async () => {
    await renderInTestApp(
      <PartitionsTable
        observedAt="2026-01-01T12:00:00.000Z"
        partitions={[
          {
            partition: 0,
            startOffset: '100',
            endOffset: '1300',
            newestRecordAt: '2026-01-01T11:56:30.000Z',
          },
          { partition: 1, startOffset: '7', endOffset: '7' },
        ]}
      />,
    );
    const first = screen.getByText('1300').closest('tr')!;
    expect(within(first).getByText('1200')).toBeInTheDocument();
    expect(within(first).getByText('3 min 30 s ago')).toHaveAttribute(
      'aria-label',
      '3 min 30 s ago (2026-01-01T11:56:30.000Z)',
    );
    const second = screen.getByText('empty').closest('tr')!;
    expect(within(second).getByText('0')).toBeInTheDocument();
  });

  it('leaves the count empty for offsets that are not numbers', () => {
    expect(
      recordCount({ partition: 0, startOffset: 'x', endOffset: '10' }),
    ).toBe('');
  });
});
