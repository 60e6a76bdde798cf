import { z } from "zod";

// The portal's CSP has no 'unsafe-eval'. Before its first object parse zod probes for eval with
// `Function("")`; the probe is caught, but the browser still reports a CSP violation. Parse without it.
z.config({ jitless: true });
