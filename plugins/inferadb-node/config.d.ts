export interface Config {
  /** InferaDB Regions plugins. */
  inferadb?: {
    /**
     * Kubernetes API servers by name. Templates and fleet regions refer to a cluster by
     * its name only; URLs and credentials live here.
     */
    clusters?: Array<{
      /** The name forms and fleet regions use, e.g. `demo-us-west-1`. */
      name: string;
      /** API server URL, e.g. `https://k8s.example:6443`. Required unless kubeconfigContext is set. */
      url?: string;
      /** Base64-encoded PEM of the API server's certificate authority. */
      caData?: string;
      /** Skip TLS verification (never in production). */
      skipTLSVerify?: boolean;
      /**
       * Bearer token of the service account the plugins act as.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** Use this context of the local kubeconfig instead of url + token (development). */
      kubeconfigContext?: string;
    }>;
    /** Tailscale API v2 access, used to create and rotate auth keys and to read devices. */
    tailscale?: {
      /** The tailnet; `-` (default) means the credentials' own tailnet. */
      tailnet?: string;
      /** Default `https://api.tailscale.com`; tests and the demo point it at a loopback emulator. */
      baseUrl?: string;
      /**
       * An API access token (`tskey-api-...`). Use this or `oauth`.
       * @visibility secret
       */
      apiKey?: string;
      /** An OAuth client; its tokens are fetched with client credentials and reused until they expire. */
      oauth?: {
        clientId: string;
        /**
         * The OAuth client secret (`tskey-client-...`).
         * @visibility secret
         */
        clientSecret: string;
        /** Scopes to request, e.g. `auth_keys`, `devices:core:read`; default: all of the client's. */
        scopes?: string[];
      };
    };
  };
}
