import { DemoRecord, PRODUCTS } from '../mesh/productNames';

/** Orders from this amount on are reviewed whoever places them. */
export const REVIEW_THRESHOLD_CENTS = 40_000;
/** From this amount on, orders of unknown or brand-new customers are reviewed. */
export const NEW_CUSTOMER_THRESHOLD_CENTS = 15_000;
const NEW_ACCOUNT_MS = 30 * 24 * 60 * 60 * 1000;

/** The fields of a customer-profiles record the join keeps. */
export interface ProfileForReview {
  customerId: string;
  fullName: string;
  email: string;
  membershipTier: string;
  memberSince: string;
  address: { country: string };
}

/** The fields of a checkout-orders-placed record the review reads. */
export interface OrderForReview {
  orderId: string;
  customerId: string;
  totalCents: number;
  currency: string;
  shippingAddress: { country: string };
  placedAt: number;
}

const euros = (cents: number) => (cents / 100).toFixed(2);

/**
 * High-value orders for review: orders joined with the customer's profile
 * by customer id. Profiles are kept in memory, the most recently updated
 * `maxCustomers` of them (a Map keeps insertion order, so re-inserting on
 * update makes the first entry the least recently updated).
 */
export class HighValueOrderReview {
  private readonly profiles = new Map<string, ProfileForReview>();

  constructor(private readonly maxCustomers = 10_000) {}

  get knownCustomers(): number {
    return this.profiles.size;
  }

  rememberProfile(profile: ProfileForReview): void {
    this.profiles.delete(profile.customerId);
    this.profiles.set(profile.customerId, {
      customerId: profile.customerId,
      fullName: profile.fullName,
      email: profile.email,
      membershipTier: profile.membershipTier,
      memberSince: profile.memberSince,
      address: { country: profile.address.country },
    });
    if (this.profiles.size > this.maxCustomers) {
      this.profiles.delete(this.profiles.keys().next().value!);
    }
  }

  /** The review record for an order that needs one, else undefined. */
  review(order: OrderForReview): DemoRecord | undefined {
    const profile = this.profiles.get(order.customerId);
    const reasons: string[] = [];
    if (order.totalCents >= REVIEW_THRESHOLD_CENTS) {
      reasons.push(
        `total ${euros(order.totalCents)} ${order.currency} is at least ${euros(
          REVIEW_THRESHOLD_CENTS,
        )}`,
      );
    }
    if (order.totalCents >= NEW_CUSTOMER_THRESHOLD_CENTS) {
      if (!profile) {
        reasons.push('no customer profile found');
      } else if (
        order.placedAt - Date.parse(profile.memberSince) <
        NEW_ACCOUNT_MS
      ) {
        reasons.push('account opened less than 30 days ago');
      }
    }
    if (profile && profile.address.country !== order.shippingAddress.country) {
      reasons.push(
        `ships to ${order.shippingAddress.country}, customer lives in ${profile.address.country}`,
      );
    }
    if (reasons.length === 0) return undefined;
    return {
      product: PRODUCTS.highValueOrders,
      key: order.orderId,
      timestamp: order.placedAt,
      value: {
        orderId: order.orderId,
        customerId: order.customerId,
        customerName: profile?.fullName ?? null,
        customerEmail: profile?.email ?? null,
        membershipTier: profile?.membershipTier ?? 'UNKNOWN',
        customerSince: profile?.memberSince ?? null,
        totalCents: order.totalCents,
        currency: order.currency,
        shippingCountry: order.shippingAddress.country,
        reasons,
        placedAt: order.placedAt,
      },
    };
  }
}
