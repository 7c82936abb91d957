/** The HTTP API (`jobsift serve`): routes only call the cores and the stats. */
export { type AppOptions, createApp } from './app.js';
export { type DashboardOptions, dashboardRoutes } from './dashboard.js';
export { type ErrorBody, errorResponse, HttpError } from './http-error.js';
export { filtersOf } from './postings-routes.js';
export type { ApiDeps, App } from './route.js';
export { exportQuery, postingsQuery } from './schemas.js';
export { type RunningServer, startServer } from './server.js';
