import type en from "@/messages/en.json";
import type { formats } from "./formats";
import type { Locale } from "./locales";

// Keys, locales and named formats are checked by the compiler: a key missing from English fails the build.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
    Formats: typeof formats;
  }
}
