import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { DataProductDiscoveryContent } from './DataProductDiscoveryContent';

/** The `/data-mesh` page: discovery of every published data product. */
export function DataProductDiscoveryPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Data mesh"
        subtitle="Kafka topics published as data products"
      />
      <Content>
        <ContentHeader title="Data products" />
        <DataProductDiscoveryContent />
      </Content>
    </Page>
  );
}
