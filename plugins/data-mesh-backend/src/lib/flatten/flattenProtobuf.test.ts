import { flattenProtobuf } from './flattenProtobuf';

const proto = `
syntax = "proto3";
package commerce.orders;

import "google/protobuf/timestamp.proto";

// An order was placed.
message OrderPlaced {
  string order_id = 1;
  int64 amount_cents = 2;
  Currency currency = 3;
  optional string note = 4;
  Customer customer = 5;
  repeated Line lines = 6;
  repeated string tags = 7;
  map<string, string> attributes = 8;
  google.protobuf.Timestamp placed_at = 9;
  oneof payment {
    string card_token = 10;
    string iban = 11;
  }

  message Customer {
    string email = 1;
  }
}

message Line {
  string sku = 1;
}

enum Currency {
  EUR = 0;
  USD = 1;
}
`;

describe('flattenProtobuf', () => {
  it('flattens the first message with nested messages, enums, repeated and maps', () => {
    expect(flattenProtobuf(proto)).toEqual([
      { path: 'order_id', type: 'string', nullable: false },
      { path: 'amount_cents', type: 'int64', nullable: false },
      { path: 'currency', type: 'enum(EUR|USD)', nullable: false },
      { path: 'note', type: 'string', nullable: true },
      { path: 'customer', type: 'Customer', nullable: true },
      { path: 'customer.email', type: 'string', nullable: false },
      { path: 'lines', type: 'array<Line>', nullable: false },
      { path: 'lines.sku', type: 'string', nullable: false },
      { path: 'tags', type: 'array<string>', nullable: false },
      { path: 'attributes', type: 'map<string,string>', nullable: false },
      { path: 'placed_at', type: 'google.protobuf.Timestamp', nullable: true },
      { path: 'card_token', type: 'string', nullable: true },
      { path: 'iban', type: 'string', nullable: true },
    ]);
  });
});

describe('flattenProtobuf on proto2', () => {
  it('treats optional fields as nullable and required ones as not', () => {
    const text = `
      syntax = "proto2";
      message M {
        required string id = 1;
        optional string note = 2 [default = "none"];
      }
    `;
    expect(flattenProtobuf(text)).toEqual([
      { path: 'id', type: 'string', nullable: false },
      { path: 'note', type: 'string', nullable: true, default: '"none"' },
    ]);
  });
});

describe('flattenProtobuf with Confluent field tags', () => {
  it('marks fields tagged PII in either option form, nested ones too', () => {
    const text = `
      syntax = "proto3";
      package shop;
      import "confluent/meta.proto";
      message Order {
        string order_id = 1;
        string customer_email = 2 [(confluent.field_meta) = { tags: ["PII"] }];
        string phone = 3 [(confluent.field_meta).tags = "pii"];
        string note = 4 [(confluent.field_meta) = { tags: ["PRIVATE", "PII"], doc: "free text" }];
        string channel = 5 [(confluent.field_meta) = { tags: ["PUBLIC"] }];
        Address ship_to = 6;
        message Address {
          string street = 1 [(confluent.field_meta).tags = "PII"];
        }
      }
    `;
    expect(
      flattenProtobuf(text).map(f => [f.path, f.taggedPii ?? false]),
    ).toEqual([
      ['order_id', false],
      ['customer_email', true],
      ['phone', true],
      ['note', true],
      ['channel', false],
      ['ship_to', false],
      ['ship_to.street', true],
    ]);
  });
});
