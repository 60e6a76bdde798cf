import de from "@/messages/de.json";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "./locales";

/** The English catalog is the source: its shape is every other catalog's, and the keys' type. */
export type Messages = typeof en;

const catalogs: Record<Locale, Messages> = { en, fr: fr as Messages, de: de as Messages };

export const messagesFor = (locale: Locale): Messages => catalogs[locale];
