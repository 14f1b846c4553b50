import type { AppLocale } from "@/lib/i18n/locales";
import type messages from "../messages/en.json";

// Translation keys are checked by the compiler against the English catalog.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
