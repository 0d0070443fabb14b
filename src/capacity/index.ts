export { parseLevels } from './levels.js';
export { sweepDemand, type Sweep, type SweepLevel, type SweepOptions } from './sweep.js';
export { lockCurves, type CurvePoint, type LockCurve } from './curves.js';
export { readCrossing, unboundedQueues, type Reading, type Backlog } from './criteria.js';
export { analyseSweep, firstBottleneck, studyBottlenecks, DEFAULT_CRITERIA, WAIT_LEVELS, otherWaitLevels, type Criteria, type LockBottleneck, type BottleneckAnalysis, type BottleneckStudy } from './bottlenecks.js';
export { searchCapacity, studyCapacity, verdict, type CapacitySearch, type CapacityStudy, type Evaluation, type Violation } from './search.js';
export { checkDesignCapacities, type DesignCheck } from './validation.js';
export { compareLockMaxima, compareLockRecords, recordTraffic, PER_LOCKAGE_BAND, WAIT_FACTOR, type Compared, type MaximumComparison, type RecordComparison } from './lock-record.js';
