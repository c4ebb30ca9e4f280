/** `touchpoint/kiosk`: turn a page into an in-store rating station. */
export { startKiosk } from './startKiosk';
export { readKioskConfig } from './readKioskConfig';
export { kioskStep, initialKiosk } from './kioskMachine';
export type { KioskState, KioskAction, KioskEffect, KioskStage, KioskTimings, PressTarget } from './kioskMachine';
export type { KioskHandle, KioskOptions, KioskStrings } from './types';
