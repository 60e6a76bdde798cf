/** The demo portal's client registration at the demo IdP; not secret, as the IdP only runs on loopback. */
export const DEMO_CLIENT_ID = "roost-demo";
export const DEMO_CLIENT_SECRET = "roost-demo-client-secret";
