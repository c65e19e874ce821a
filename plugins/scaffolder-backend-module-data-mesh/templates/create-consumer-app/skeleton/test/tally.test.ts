import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { products } from '../src/products.ts';
import { Tally } from '../src/tally.ts';

// The fixtures are synthetic records generated from each product's schema
// when the app was created.
for (const product of products) {
  test(`tallies the synthetic records of ${product.entityRef}`, () => {
    const records: unknown[] = JSON.parse(
      readFileSync(new URL(`../${product.fixture}`, import.meta.url), 'utf8'),
    );
    assert.ok(records.length > 0, `${product.fixture} holds no records`);
    const tally = new Tally();
    for (const record of records) tally.add(product.entityRef, record);
    assert.equal(tally.count(product.entityRef), records.length);
    assert.deepEqual(tally.latest(product.entityRef), records.at(-1));
  });
}
