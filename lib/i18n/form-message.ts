import type { MessageKey } from "./message";

/**
 * A zod message that is a catalog key: schemas name their messages by key, and the server-action
 * pipeline puts them into words (zod carries only strings).
 */
export const formMessage = (key: MessageKey) => key;
