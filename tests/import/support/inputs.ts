// Paths and texts of the published reports the import tests read: the reference department's golden JSON and text layout, and the nine-table Shanghai transcription.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The golden tables of the reference department (report JSON). */
export const GOLDEN_JSON = fileURLToPath(new URL("../../golden/guangzhou-cac-2020.tables.json", import.meta.url));

/** The reference report's text layout (shared seed). */
export const REFERENCE_TEXT = fileURLToPath(new URL("../../../../shared/seeds/guangzhou-cac-2020-final-accounts.txt", import.meta.url));

/** The nine-table Shanghai transcription (shared example). */
export const SHANGHAI_PIPE = fileURLToPath(new URL("../../../../shared/examples/shanghai-putuo-shehuigongzuobu-2024.txt", import.meta.url));

/**
 * A file's text.
 *
 * @param path - the file
 * @returns its text
 */
export function text(path: string): string {
  return readFileSync(path, "utf8");
}

/** Whether the shared inputs are present (they are beside the repository). */
export const SHARED_PRESENT = existsSync(REFERENCE_TEXT) && existsSync(SHANGHAI_PIPE);
