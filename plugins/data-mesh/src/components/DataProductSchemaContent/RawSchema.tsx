import { CodeSnippet } from '@backstage/core-components';
import type { SchemaVersionResponse } from '@kafka-mesh/plugin-data-mesh-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { prettySchema, schemaLanguage } from './schemaText';

/** The schema text as registered, folded away until asked for. */
export function RawSchema({ schema }: { schema: SchemaVersionResponse }) {
  return (
    <Accordion>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="data-mesh-raw-schema"
        id="data-mesh-raw-schema-header"
      >
        <Typography>Raw schema</Typography>
      </AccordionSummary>
      <AccordionDetails id="data-mesh-raw-schema">
        <Box width="100%" aria-label={`Raw schema v${schema.version}`}>
          <CodeSnippet
            text={prettySchema(schema.schema)}
            language={schemaLanguage(schema.format)}
            showCopyCodeButton
          />
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
