import { InfoCard } from '@backstage/core-components';
import { GroupAccessRequests } from './GroupAccessRequests';

/** Entity card for Group entities: access requests waiting for your decision. */
export function GroupAccessRequestsCard() {
  return (
    <InfoCard
      title="Access requests"
      subheader="Pending requests for data products you may decide on"
    >
      <GroupAccessRequests />
    </InfoCard>
  );
}
