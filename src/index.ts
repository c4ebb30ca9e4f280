/** touchpoint: the npm entry. Only re-exports; the widget, kiosk and collector are subpaths. */
export { createTracker } from './core/createTracker';
export type {
  Tracker,
  TrackerOptions,
  ResolvedOptions,
  CallOptions,
  ConsentState,
  GpcMode,
  Properties,
  TouchpointError,
  ErrorCode,
  EventListener,
  Channel,
  JourneyStage,
  TouchpointEvent,
} from './core/types';
