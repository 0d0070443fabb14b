export { Simulation, type EventId, type Handler, type Tracer } from './simulation.js';
export { EventQueue } from './event-queue.js';
export { Process, spawn, type Command, type ProcessBody, type Waitable } from './process.js';
export { Resource } from './resource.js';
export { BatchServer, type BatchServerOptions } from './batch-server.js';
export { WaitingLine } from './waiting-line.js';
export { Tally, TimeWeighted, meanCI, quantileSorted, studentT, warmUp, type ConfidenceInterval, type Resettable } from './stats.js';
export * from './random.js';
export * from './theory.js';
