import { screen, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  MockSearchApi,
  SearchContextProvider,
  searchApiRef,
} from '@backstage/plugin-search-react';
import { DataProductSearchResultListItem } from './DataProductSearchResultListItem';
import { matchedFields } from './useMatchedFields';

/** A `data-product` document as the search module writes it. */
const document = {
  title: 'Customers registered',
  text: 'Every customer who signed up, with their contact details.',
  location: '/catalog/default/dataproduct/customers-registered',
  entityRef: 'dataproduct:default/customers-registered',
  kind: 'DataProduct',
  namespace: 'default',
  name: 'customers-registered',
  domain: 'customers',
  owner: 'group:default/customer-team',
  lifecycle: 'production',
  tier: 'tier-1',
  freshness: 'PT5M',
  classification: 'confidential',
  schema: 'customers.registered.v1-value v2',
  fields: ['customerId', 'contact', 'contact.customerEmail', 'contact.phone'],
  fieldText: '',
};

function inSearch(term: string, node: JSX.Element) {
  return (
    <TestApiProvider apis={[[searchApiRef, new MockSearchApi()]]}>
      <SearchContextProvider
        initialState={{ term, types: [], filters: {}, pageCursor: undefined }}
      >
        {node}
      </SearchContextProvider>
    </TestApiProvider>
  );
}

describe('DataProductSearchResultListItem', () => {
  it('shows the title linking to the entity page, the description, tier, freshness, owner and domain', async () => {
    await renderInTestApp(
      <DataProductSearchResultListItem result={document} />,
    );
    const link = screen.getByRole('link', { name: 'Customers registered' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/customers-registered',
    );
    expect(
      screen.getByText(
        'Every customer who signed up, with their contact details.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Tier: tier-1')).toBeInTheDocument();
    expect(screen.getByLabelText('5 min (PT5M)')).toBeInTheDocument();
    expect(screen.getByText('Owner: customer-team')).toBeInTheDocument();
    expect(screen.getByText('Domain: customers')).toBeInTheDocument();
    // Outside a search there is no term, so no field is said to match.
    expect(
      screen.queryByTestId('data-product-matched-fields'),
    ).not.toBeInTheDocument();
  });

  it('marks what the engine highlighted in the title and description', async () => {
    await renderInTestApp(
      <DataProductSearchResultListItem
        result={document}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: {
            text: 'Every customer who signed up, with their <em>contact</em> details.',
          },
        }}
      />,
    );
    const marked = screen.getByText('contact');
    expect(marked.tagName).toBe('MARK');
  });

  it('lists the fields that match the search term', async () => {
    await renderInTestApp(
      inSearch('email', <DataProductSearchResultListItem result={document} />),
    );
    const matched = await screen.findByTestId('data-product-matched-fields');
    expect(matched).toHaveTextContent('Matching field: contact.customerEmail');
    expect(within(matched).getByText('contact.customerEmail').tagName).toBe(
      'CODE',
    );
  });

  it('renders nothing without a result', async () => {
    await renderInTestApp(
      <div data-testid="empty">
        <DataProductSearchResultListItem />
      </div>,
    );
    expect(screen.getByTestId('empty')).toBeEmptyDOMElement();
  });
});

describe('matchedFields', () => {
  it('matches the words of the term inside field paths, case-insensitively', () => {
    const fields = ['customerId', 'contact.customerEmail', 'orderId'];
    expect(matchedFields(fields, 'EMAIL')).toEqual(['contact.customerEmail']);
    expect(matchedFields(fields, 'customer email')).toEqual([
      'customerId',
      'contact.customerEmail',
    ]);
    expect(matchedFields(fields, '')).toEqual([]);
    expect(matchedFields(fields, 'a')).toEqual([]);
  });
});
