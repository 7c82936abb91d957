export {
  createLogger,
  type LogFormat,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogStream,
  silentLogger,
} from './logger.js';
