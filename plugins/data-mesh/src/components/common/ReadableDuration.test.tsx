import { fireEvent, render, screen } from '@testing-library/react';
import { ReadableDuration } from './ReadableDuration';

describe('ReadableDuration', () => {
  it('says the duration and shows the ISO value on hover', async () => {
    render(<ReadableDuration iso="PT5M" />);
    const text = screen.getByText('5 min');
    expect(text).toHaveAttribute('aria-label', '5 min (PT5M)');
    fireEvent.mouseOver(text);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('PT5M');
  });

  it('shows a value it cannot read as it is, without a tooltip', () => {
    render(<ReadableDuration iso="P1M" />);
    expect(screen.getByText('P1M')).not.toHaveAttribute('aria-label');
  });
});
