// Anything that runs beside the chat platforms while serving (the digest
// scheduler, retention): serve starts them after the platforms and stops them
// before closing the database.

export interface BackgroundService {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}
