import Tooltip from '@material-ui/core/Tooltip';
import { timeAgoText } from './timeAgoText';

/**
 * How long ago a moment was (`4 min ago`), with the exact ISO time in a
 * tooltip and for screen readers. `since` is the moment to count back from
 * (default now), e.g. when a snapshot of the topic was taken.
 */
export function TimeAgo({ at, since }: { at: string; since?: string }) {
  const from = since === undefined ? NaN : Date.parse(since);
  const text = timeAgoText(at, Number.isNaN(from) ? undefined : from);
  if (text === undefined) {
    return <span>{at}</span>;
  }
  return (
    <Tooltip title={at}>
      <span aria-label={`${text} (${at})`}>{text}</span>
    </Tooltip>
  );
}
