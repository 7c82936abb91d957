export { type ClassifyOptions, type CommandIo, runClassify } from './classify-command.js';
export { main } from './main.js';
