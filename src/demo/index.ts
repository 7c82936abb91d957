export type {
  BoardPayloads,
  BoardServer,
  BoardServerOptions,
  BoardType,
  DemoSource,
  FaultResponse,
  RecordedRequest,
} from './board-server.js';
export {
  DEMO_COMPANIES,
  defaultBoardsDir,
  demoSources,
  startBoardServer,
} from './board-server.js';
export type {
  GreenhouseBoardPayload,
  GreenhouseJobPayload,
  SyntheticBoardOptions,
} from './synthetic-board.js';
export { seededRandom, syntheticGreenhouseBoard } from './synthetic-board.js';
