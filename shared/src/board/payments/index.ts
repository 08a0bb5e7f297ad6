export * from './paymentModel.ts';
export * from './paymentStatus.ts';
export * from './schedule.ts';
export * from './readPayments.ts';
export * from './operations.ts';
export * from './paymentColumns.ts';
export * from './shownPaymentStatusOf.ts';
export * from './readLedgers.ts';
