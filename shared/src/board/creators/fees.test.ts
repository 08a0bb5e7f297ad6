import { describe, expect, it } from 'vitest';
import { compareByFee, feeCurrencies, type WithFee } from '../../index.ts';

const fee = (amount: number, currency: string): WithFee => ({ fee: { amount, currency } });
const label = ({ fee }: WithFee) => (fee ? `${fee.amount} ${fee.currency}` : 'none');

describe('compareByFee', () => {
  const creators = [
    fee(100_000, 'JPY'),
    fee(4_850, 'EUR'),
    { fee: null },
    fee(1_200, 'USD'),
    fee(900, 'EUR'),
    fee(12_000, 'EUR'),
    fee(300, 'USD'),
  ];

  it('never puts ¥100,000 above €4,850: fees group by currency, most used first, then amount', () => {
    expect([...creators].sort(compareByFee(creators, -1)).map(label)).toEqual([
      '12000 EUR',
      '4850 EUR',
      '900 EUR',
      '1200 USD',
      '300 USD',
      '100000 JPY',
      'none',
    ]);
  });

  it('reverses the amounts within each currency, keeps the currency order and leaves creators without a fee last', () => {
    expect([...creators].sort(compareByFee(creators, 1)).map(label)).toEqual([
      '900 EUR',
      '4850 EUR',
      '12000 EUR',
      '300 USD',
      '1200 USD',
      '100000 JPY',
      'none',
    ]);
  });

  it('sorts by amount alone when every fee has one currency', () => {
    const euros = [fee(5, 'EUR'), fee(50, 'EUR'), { fee: null }, fee(1, 'EUR')];
    expect([...euros].sort(compareByFee(euros, -1)).map(label)).toEqual(['50 EUR', '5 EUR', '1 EUR', 'none']);
  });
});

describe('feeCurrencies', () => {
  it('lists the currencies in use, most used first and ties in alphabetical order', () => {
    expect(feeCurrencies([fee(1, 'USD'), fee(1, 'JPY'), fee(1, 'EUR'), fee(2, 'EUR'), { fee: null }])).toEqual([
      'EUR',
      'JPY',
      'USD',
    ]);
  });
});
