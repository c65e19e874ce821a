import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { allProducts } from '../../__fixtures__/dataProducts';
import { renderWithApis } from '../../__testUtils__';
import { DataMeshInputsPicker } from './DataMeshInputsPicker';

type Props = Parameters<typeof DataMeshInputsPicker>[0];

const declaredSla = {
  tier: 'tier-1',
  availability: 99.9,
  freshness: 'PT5M',
  supportHours: '24x7',
  onCall: 'https://oncall.example.com/sales',
};

/** The picker in a form that keeps its value, as the scaffolder does. */
function Form(props: {
  formData: Record<string, unknown>;
  slaField?: string;
  onValue?: (refs: string[]) => void;
}) {
  const [value, setValue] = useState<string[]>([]);
  const fieldProps = {
    formData: value,
    onChange: (refs: string[]) => {
      setValue(refs);
      props.onValue?.(refs);
    },
    schema: { title: 'Inputs', description: 'Products this one reads' },
    uiSchema: { 'ui:options': { slaField: props.slaField } },
    idSchema: { $id: 'root_inputs' },
    formContext: { formData: props.formData },
    rawErrors: [],
    required: false,
  } as unknown as Props;
  return <DataMeshInputsPicker {...fieldProps} />;
}

async function choose(title: string) {
  await userEvent.click(screen.getByRole('textbox', { name: 'Inputs' }));
  await userEvent.click(
    await screen.findByRole('option', { name: new RegExp(title) }),
  );
}

describe('DataMeshInputsPicker', () => {
  it('offers the catalog data products and returns their refs', async () => {
    const onValue = jest.fn();
    await renderWithApis(
      <Form formData={{ sla: declaredSla }} onValue={onValue} />,
      { entities: allProducts },
    );
    await choose('Payments settled');
    expect(onValue).toHaveBeenLastCalledWith([
      'dataproduct:default/payments-settled',
    ]);
    await choose('customer-profiles');
    expect(onValue).toHaveBeenLastCalledWith([
      'dataproduct:default/payments-settled',
      'dataproduct:default/customer-profiles',
    ]);
    expect(
      screen.getByRole('button', { name: 'Payments settled' }),
    ).toBeTruthy();
  });

  it('previews the effective SLA and warns where the declared SLA exceeds the inputs, naming the weakest', async () => {
    await renderWithApis(<Form formData={{ sla: declaredSla }} />, {
      entities: allProducts,
    });
    const preview = await screen.findByRole('region', {
      name: 'Effective SLA preview',
    });
    // No input yet: the declared SLA stands.
    expect(within(preview).queryByRole('alert')).toBeNull();

    // Orders placed is tier-1 itself but reads payments-settled (tier-2).
    await choose('Orders placed');
    const warning = await within(preview).findByText(
      /The declared SLA is better than the inputs allow/,
    );
    const alert = warning.closest('[role="alert"]') as HTMLElement;
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'declared tier tier-1 is better than tier-2 from dataproduct:default/payments-settled',
      'declared availability 99.9% is better than 99.5% from dataproduct:default/payments-settled',
      'declared freshness PT5M is better than PT15M from dataproduct:default/payments-settled',
    ]);
    const freshness = within(preview).getByText('Freshness').closest('tr')!;
    expect(within(freshness).getByLabelText('5 min (PT5M)')).toBeVisible();
    expect(within(freshness).getByLabelText('15 min (PT15M)')).toBeVisible();
    expect(freshness).toHaveTextContent('limited by');
  });

  it('reads the declared SLA from the field named by ui:options.slaField', async () => {
    await renderWithApis(
      <Form
        formData={{ serviceLevel: { ...declaredSla, tier: 'tier-3' } }}
        slaField="serviceLevel"
      />,
      { entities: allProducts },
    );
    await choose('Payments settled');
    const preview = screen.getByRole('region', {
      name: 'Effective SLA preview',
    });
    await waitFor(() =>
      expect(within(preview).getAllByRole('listitem')).toHaveLength(2),
    );
    expect(preview).not.toHaveTextContent('declared tier');
  });

  it('asks for a complete SLA before comparing', async () => {
    await renderWithApis(<Form formData={{ sla: { tier: 'tier-1' } }} />, {
      entities: allProducts,
    });
    await choose('customer-profiles');
    const preview = screen.getByRole('region', {
      name: 'Effective SLA preview',
    });
    expect(
      within(preview).getByText(/Declare the tier, availability, freshness/),
    ).toBeInTheDocument();
    expect(
      within(preview).getByText('Availability').closest('tr'),
    ).toHaveTextContent('95%');
  });
});
