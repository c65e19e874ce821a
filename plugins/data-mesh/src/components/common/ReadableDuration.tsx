import Tooltip from '@material-ui/core/Tooltip';
import { readableIsoDuration } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * An ISO-8601 duration as people say it (`5 min`), with the exact value
 * the contract holds (`PT5M`) in a tooltip and for screen readers.
 */
export function ReadableDuration({ iso }: { iso: string }) {
  const text = readableIsoDuration(iso);
  if (text === iso) {
    return <span>{iso}</span>;
  }
  return (
    <Tooltip title={iso}>
      <span aria-label={`${text} (${iso})`}>{text}</span>
    </Tooltip>
  );
}
