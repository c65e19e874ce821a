import Button from '@material-ui/core/Button';

/** A card action that loads a section again; `label` names the section. */
export function RefreshButton({
  onClick,
  label,
}: {
  onClick: () => void;
  label: string;
}) {
  return (
    <Button size="small" onClick={onClick} aria-label={label}>
      Refresh
    </Button>
  );
}
