import { FormEvent, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { DataProductId, dataMeshApiRef } from '../../api';
import { statusOf } from '../common';
import { ACCESS_DURATIONS, errorMessage } from './accessFormat';
import { KafkaPrincipalOption, useKafkaPrincipals } from './useKafkaPrincipals';

const ERROR_TITLES: Record<number, string> = {
  400: 'The request is not valid',
  403: 'Not allowed',
  409: 'Already requested',
};

/**
 * The fields of the request dialog: one of the user's teams' Kafka
 * principals, the consumer-group prefix, purpose and duration. Shows the
 * backend's message when it refuses the request.
 */
export function RequestAccessForm(props: {
  product: DataProductId;
  onCancel: () => void;
  onRequested: (request: AccessRequest) => void;
}) {
  const { product, onCancel, onRequested } = props;
  const api = useApi(dataMeshApiRef);
  const principals = useKafkaPrincipals();
  const [principalRef, setPrincipalRef] = useState<string>();
  const [groupPrefix, setGroupPrefix] = useState<string>();
  const [purpose, setPurpose] = useState('');
  const [duration, setDuration] = useState<string>('P30D');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ status?: number; message: string }>();

  const options: KafkaPrincipalOption[] = principals.value ?? [];
  const selected =
    options.find(o => o.ref === principalRef) ?? options[0] ?? undefined;
  // Follows the principal until the user types a prefix of their own.
  const prefix = groupPrefix ?? (selected ? `${selected.name}-` : '');
  const valid = !!selected && prefix.trim() !== '' && purpose.trim() !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || !selected) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const request = await api.requestAccess(product, {
        principal: selected.ref,
        groupPrefix: prefix.trim(),
        purpose: purpose.trim(),
        duration,
      });
      onRequested(request);
    } catch (e) {
      setSubmitting(false);
      setError({ status: statusOf(e), message: errorMessage(e) });
    }
  };

  let principalField;
  if (principals.loading) {
    principalField = <Progress />;
  } else if (principals.error) {
    principalField = (
      <Alert severity="error">
        Could not list your Kafka principals: {errorMessage(principals.error)}
      </Alert>
    );
  } else if (options.length === 0) {
    principalField = (
      <Alert severity="info">
        None of your teams owns a Kafka principal. Register one in the catalog
        as a Resource with <code>spec.type: kafka-principal</code>.
      </Alert>
    );
  } else {
    principalField = (
      <TextField
        id="request-access-principal"
        select
        label="Kafka principal"
        value={selected?.ref ?? ''}
        onChange={e => {
          setPrincipalRef(e.target.value);
          setGroupPrefix(undefined);
        }}
        SelectProps={{ native: true }}
        helperText={selected ? `On the broker: ${selected.principal}` : ''}
        fullWidth
        margin="normal"
        required
      >
        {options.map(o => (
          <option key={o.ref} value={o.ref}>
            {o.title === o.name ? o.name : `${o.title} (${o.name})`}
          </option>
        ))}
      </TextField>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogContent>
        <DialogContentText>
          Read access for a service account (Kafka principal) that your team
          owns: the topic, and the consumer groups starting with the prefix.
        </DialogContentText>
        {principalField}
        <TextField
          id="request-access-group-prefix"
          label="Consumer-group prefix"
          value={prefix}
          onChange={e => setGroupPrefix(e.target.value)}
          helperText="The principal may use every consumer group starting with it"
          fullWidth
          margin="normal"
          required
        />
        <TextField
          id="request-access-purpose"
          label="Purpose"
          value={purpose}
          onChange={e => setPurpose(e.target.value)}
          helperText="What you read the data for; the owners decide on it"
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          required
        />
        <TextField
          id="request-access-duration"
          select
          label="Duration"
          value={duration}
          onChange={e => setDuration(e.target.value)}
          SelectProps={{ native: true }}
          fullWidth
          margin="normal"
        >
          {ACCESS_DURATIONS.map(d => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </TextField>
        {error && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              <AlertTitle>
                {(error.status && ERROR_TITLES[error.status]) ||
                  'Could not request access'}
              </AlertTitle>
              {error.message}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={!valid || submitting}
        >
          Send request
        </Button>
      </DialogActions>
    </form>
  );
}
