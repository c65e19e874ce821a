import { createSyntheticFaker } from './syntheticFaker';
import { personalValue } from './personalValues';

describe('personal values', () => {
  it.each([
    'email',
    'customerEmail',
    'phone_number',
    'firstName',
    'last_name',
    'name',
    'customerName',
    'street',
    'billingAddress',
    'city',
    'postcode',
    'birthDate',
    'date_of_birth',
    'iban',
    'ipAddress',
  ])('recognizes %s as personal', name => {
    expect(personalValue(createSyntheticFaker(1), name)).toBeDefined();
  });

  it.each(['orderId', 'productName', 'amount', 'status', 'placedAt'])(
    'leaves %s alone',
    name => {
      expect(personalValue(createSyntheticFaker(1), name)).toBeUndefined();
    },
  );

  it('gives realistic, reproducible values', () => {
    const faker = createSyntheticFaker(7);
    const email = personalValue(faker, 'customer_email');
    expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
    expect(personalValue(faker, 'birthDate')).toBeInstanceOf(Date);
    expect(personalValue(createSyntheticFaker(7), 'customer_email')).toBe(
      email,
    );
  });
});
