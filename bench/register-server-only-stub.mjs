import { register } from "node:module";

register("./server-only-stub.mjs", import.meta.url);
