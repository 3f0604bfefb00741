/** The release this server is. */
export const appVersion = '0.1.0';
