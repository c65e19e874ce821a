import type {
  SchemaDiffResponse,
  SchemaFieldChange,
} from '@kafka-mesh/plugin-data-mesh-common';
import Chip from '@material-ui/core/Chip';

const CHANGE_LABELS: Record<SchemaFieldChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  'type-changed': 'Type changed',
  'default-changed': 'Default changed',
};

/** The field changes between two schema versions, one line each. */
export function SchemaChangeList({ diff }: { diff: SchemaDiffResponse }) {
  return (
    <ul aria-label={`Changes from v${diff.from} to v${diff.to}`}>
      {diff.changes.map(change => (
        <li key={`${change.change}:${change.path}`}>
          <Chip
            size="small"
            label={CHANGE_LABELS[change.change]}
            color={change.change === 'removed' ? 'secondary' : 'default'}
            style={{ marginRight: 8 }}
          />
          <code>{change.path}</code>
          {change.before !== undefined && (
            <>
              {' '}
              from <code>{change.before}</code>
            </>
          )}
          {change.after !== undefined && (
            <>
              {' '}
              to <code>{change.after}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
