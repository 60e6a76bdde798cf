/**
 * The demo portal's client registration at the demo identity provider (demo-idp/); not secret, as that
 * provider only runs on loopback.
 */
export const DEMO_CLIENT_ID = "roost-demo";
export const DEMO_CLIENT_SECRET = "roost-demo-client-secret";
