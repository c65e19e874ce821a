import TextField from '@material-ui/core/TextField';

/** A native select of a subject's versions, newest first. */
export function SchemaVersionSelect(props: {
  id: string;
  label: string;
  /** Oldest first, as the registry lists them. */
  versions: number[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={String(props.value)}
      onChange={e => props.onChange(Number(e.target.value))}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 140, marginRight: 16 }}
    >
      {[...props.versions].reverse().map(v => (
        <option key={v} value={v}>
          {`v${v}`}
        </option>
      ))}
    </TextField>
  );
}
