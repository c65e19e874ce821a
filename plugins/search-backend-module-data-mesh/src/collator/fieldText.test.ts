import { fieldText, wordsOfPath } from './fieldText';

describe('wordsOfPath', () => {
  it('splits segments and the words inside them, lower case', () => {
    expect(wordsOfPath('customerEmail')).toEqual([
      'customeremail',
      'customer',
      'email',
    ]);
    expect(wordsOfPath('ship_to.postCode')).toEqual([
      'ship_to',
      'ship',
      'to',
      'postcode',
      'post',
      'code',
    ]);
    expect(wordsOfPath('HTTPStatus2xx')).toEqual([
      'httpstatus2xx',
      'http',
      'status2xx',
    ]);
  });
});

describe('fieldText', () => {
  it('gives each field a line: path, its words and its doc', () => {
    expect(
      fieldText([
        { path: 'customerEmail', doc: 'Where the receipt goes' },
        { path: 'id' },
      ]),
    ).toBe('customerEmail customer email Where the receipt goes\nid');
  });
});
