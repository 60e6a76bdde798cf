import { z } from "zod";

// Zod probes for `new Function` to compile fast parsers; under the portal's CSP (no 'unsafe-eval') the
// probe alone is reported as a violation. The browser parses small forms, so the interpreter is enough.
z.config({ jitless: true });
