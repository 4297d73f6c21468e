/**
 * The header a write without a body (a cell run, a visit, a reset) carries instead of a JSON
 * body. A cross-site form or no-cors fetch cannot set it, so the server can tell its own page's
 * writes apart from another site's (see server/security.ts).
 */
export const CLIENT_HEADER = 'x-descent-client';
