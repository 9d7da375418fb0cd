export interface Config {
  inferadb?: {
    /** The demo fleet of the dev portal: loopback emulators started with the backend. */
    demo?: {
      /** Start the demo emulators. Never set this in production. */
      enabled?: boolean;
      /** First loopback port of the demo emulators. Defaults to 7100. */
      basePort?: number;
    };
  };
}
