/** Thrown when too many reports are already waiting: the request is answered 503 with `Retry-After`. */
export class ReportBusyError extends Error {
  constructor() {
    super('too many reports are being computed; retry shortly');
    this.name = 'ReportBusyError';
  }
}
