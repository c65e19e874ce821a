import { Random, seededRandom } from './random';

// The fixed reference data of Kettle & Kite: articles, fulfilment centres
// and customers. Built from a seed, so every start, every generator and
// every processor agrees on ids, names and prices.

export interface Article {
  sku: string;
  name: string;
  category: string;
  priceCents: number;
}

export type Region = 'EU' | 'UK' | 'NA' | 'APAC';
export type MembershipTier = 'NONE' | 'SILVER' | 'GOLD' | 'PLATINUM';

export interface Customer {
  customerId: string;
  fullName: string;
  email: string;
  phone: string | null;
  address: { street: string; postcode: string; city: string; country: string };
  region: Region;
  membershipTier: MembershipTier;
  memberSince: string;
  marketingConsent: boolean;
}

export interface Warehouse {
  warehouseId: string;
  city: string;
}

const ARTICLE_LIST: Array<[string, string, number]> = [
  ['Cast iron casserole 24 cm', 'kitchen', 12900],
  ['Whistling kettle', 'kitchen', 3900],
  ['Chef knife 20 cm', 'kitchen', 8900],
  ['Espresso machine', 'kitchen', 54900],
  ['Pour-over coffee set', 'kitchen', 4500],
  ['Stand mixer', 'kitchen', 44900],
  ['Linen tea towels (3)', 'kitchen', 1900],
  ['Ceramic dinner plates (4)', 'kitchen', 5900],
  ['Copper saucepan', 'kitchen', 15900],
  ['Bamboo cutting board', 'kitchen', 2900],
  ['Wool throw blanket', 'home', 8900],
  ['Feather pillow', 'home', 4900],
  ['Linen duvet cover', 'home', 11900],
  ['Reading lamp', 'home', 7900],
  ['Scented candle', 'home', 2400],
  ['Oak side table', 'home', 24900],
  ['Bath towel set', 'home', 6900],
  ['Robot vacuum cleaner', 'home', 39900],
  ['Air purifier', 'home', 29900],
  ['Wall clock', 'home', 4900],
  ['Stunt kite', 'outdoor', 6900],
  ['Two-person tent', 'outdoor', 27900],
  ['Down sleeping bag', 'outdoor', 31900],
  ['Camping stove', 'outdoor', 5900],
  ['Trail running shoes', 'outdoor', 13900],
  ['Hiking backpack 40 l', 'outdoor', 14900],
  ['Insulated bottle', 'outdoor', 2900],
  ['Folding camp chair', 'outdoor', 4900],
  ['E-bike city 500 Wh', 'outdoor', 219900],
  ['Headlamp', 'outdoor', 3400],
  ['Picnic basket', 'garden', 7400],
  ['Garden hose 25 m', 'garden', 4400],
  ['Pruning shears', 'garden', 2900],
  ['Raised bed kit', 'garden', 16900],
  ['Charcoal grill', 'garden', 18900],
  ['Outdoor lantern', 'garden', 3900],
  ['Bird feeder', 'garden', 2200],
  ['Teak bench', 'garden', 49900],
  ['Watering can', 'garden', 2600],
  ['Hammock with stand', 'garden', 21900],
];

export const ARTICLES: readonly Article[] = ARTICLE_LIST.map(
  ([name, category, priceCents], i) => ({
    sku: `SKU-${1001 + i}`,
    name,
    category,
    priceCents,
  }),
);

const ARTICLES_BY_SKU = new Map(ARTICLES.map(a => [a.sku, a]));

/** The article of a SKU; unknown SKUs get a placeholder rather than failing a stream. */
export function articleOf(sku: string): Article {
  return (
    ARTICLES_BY_SKU.get(sku) ?? {
      sku,
      name: `Unknown article ${sku}`,
      category: 'unknown',
      priceCents: 0,
    }
  );
}

export const WAREHOUSES: readonly Warehouse[] = [
  { warehouseId: 'FC-AMS', city: 'Amsterdam' },
  { warehouseId: 'FC-LEJ', city: 'Leipzig' },
  { warehouseId: 'FC-MAD', city: 'Madrid' },
];

/** Country → [region, cities, phone prefix, weight among customers]. */
const COUNTRIES: Record<string, [Region, string[], string, number]> = {
  DE: ['EU', ['Berlin', 'Hamburg', 'Munich', 'Cologne'], '+49', 18],
  NL: ['EU', ['Amsterdam', 'Utrecht', 'Rotterdam'], '+31', 12],
  FR: ['EU', ['Paris', 'Lyon', 'Nantes'], '+33', 10],
  ES: ['EU', ['Madrid', 'Valencia', 'Seville'], '+34', 7],
  IT: ['EU', ['Milan', 'Turin', 'Bologna'], '+39', 6],
  SE: ['EU', ['Stockholm', 'Malmö'], '+46', 4],
  PL: ['EU', ['Warsaw', 'Kraków'], '+48', 4],
  BE: ['EU', ['Brussels', 'Ghent'], '+32', 3],
  AT: ['EU', ['Vienna', 'Graz'], '+43', 3],
  IE: ['EU', ['Dublin', 'Cork'], '+353', 2],
  GB: ['UK', ['London', 'Manchester', 'Bristol', 'Edinburgh'], '+44', 14],
  US: ['NA', ['New York', 'Seattle', 'Austin', 'Boston'], '+1', 9],
  CA: ['NA', ['Toronto', 'Vancouver'], '+1', 3],
  AU: ['APAC', ['Sydney', 'Melbourne'], '+61', 3],
  JP: ['APAC', ['Tokyo', 'Osaka'], '+81', 2],
};

const FIRST_NAMES = [
  'Anna',
  'Lukas',
  'Emma',
  'Noah',
  'Mila',
  'Finn',
  'Sara',
  'Liam',
  'Julia',
  'Mateo',
  'Lea',
  'Oscar',
  'Nora',
  'Elias',
  'Chloé',
  'Hugo',
  'Freja',
  'Marco',
  'Zofia',
  'Aoife',
  'Olivia',
  'Jack',
  'Mia',
  'Ethan',
  'Grace',
  'Yuki',
  'Ruby',
  'Kai',
  'Ines',
  'Tariq',
];

const LAST_NAMES = [
  'Müller',
  'de Jong',
  'Dubois',
  'García',
  'Rossi',
  'Andersson',
  'Kowalski',
  'Peeters',
  'Gruber',
  'Murphy',
  'Smith',
  'Brown',
  'Wilson',
  'Taylor',
  'Nguyen',
  'Sato',
  'Schneider',
  'Bakker',
  'Lefebvre',
  'Martín',
  'Ricci',
  'Lindqvist',
  'Nowak',
  'Janssens',
  'Huber',
  'Byrne',
  'Evans',
  'Clarke',
  'Kim',
  'Walsh',
];

const STREETS = [
  'Market Street',
  'Station Road',
  'Canal Side',
  'Harbour Lane',
  'Elm Avenue',
  'Mill Road',
  'Church Street',
  'Park View',
  'Orchard Way',
  'Bridge Street',
];

const TIERS: ReadonlyArray<readonly [MembershipTier, number]> = [
  ['NONE', 55],
  ['SILVER', 25],
  ['GOLD', 15],
  ['PLATINUM', 5],
];

/** How many customers the shop has. */
export const CUSTOMER_COUNT = 400;

/** Letters only, for the local part of an e-mail address. */
function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLocaleLowerCase('en-US');
}

function makeCustomer(random: Random, index: number): Customer {
  const country = random.weighted(
    Object.entries(COUNTRIES).map(([code, [, , , weight]]) => [code, weight]),
  );
  const [region, cities, phonePrefix] = COUNTRIES[country];
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const since = new Date(
    Date.UTC(2016 + random.int(0, 9), random.int(0, 11), random.int(1, 28)),
  );
  return {
    customerId: `C-${String(index + 1).padStart(5, '0')}`,
    fullName: `${first} ${last}`,
    email: `${emailPart(first)}.${emailPart(last)}${index + 1}@example.com`,
    phone: random.chance(0.8)
      ? `${phonePrefix} 555 ${String(random.int(0, 9999)).padStart(4, '0')}`
      : null,
    address: {
      street: `${random.int(1, 180)} ${random.pick(STREETS)}`,
      postcode: String(random.int(10000, 99999)),
      city: random.pick(cities),
      country,
    },
    region,
    membershipTier: random.weighted(TIERS),
    memberSince: since.toISOString().slice(0, 10),
    marketingConsent: random.chance(0.6),
  };
}

/** The shop's customers, identical on every call. */
export function createCustomers(count = CUSTOMER_COUNT): Customer[] {
  const random = seededRandom(20240601);
  return Array.from({ length: count }, (_, i) => makeCustomer(random, i));
}
