import { DemoRecord, PRODUCTS } from '../mesh/productNames';

/**
 * Data residency: the profiles of customers whose data must stay in the
 * EU, republished unchanged (same schema) for EU-hosted services.
 */
export function euResidentProfile(
  profile: Record<string, unknown> & { customerId: string; region: string },
  timestamp: number,
): DemoRecord | undefined {
  if (profile.region !== 'EU') return undefined;
  return {
    product: PRODUCTS.euCustomerProfiles,
    key: profile.customerId,
    timestamp,
    value: profile,
  };
}
