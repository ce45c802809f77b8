/**
 * Opening and reading the files the command line is given, with one clear
 * line for each way that can fail.
 *
 * @module
 */
import { access, open, readFile, type FileHandle } from "node:fs/promises";
import { CliError, invalidInput, usageError } from "./cliError.js";

/** The most characters a JSON file read whole (a catalog, an example.json) may hold. */
const SMALL_FILE_CHARACTERS_MAX = 64 * 1024 * 1024;

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { readonly code: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The user's line for a failure to open or read a file.
 *
 * @param error - what the file system threw
 * @param name - the file as the user named it
 * @returns the error to throw
 */
export function fileError(error: unknown, name: string): CliError {
  switch (errorCode(error)) {
    case "ENOENT":
    case "ENOTDIR":
      return usageError(`no such file: ${name}`);
    case "EACCES":
    case "EPERM":
      return usageError(`cannot read ${name}: permission denied`);
    case "EISDIR":
      return usageError(`${name} is a directory, not a file`);
    default:
      return invalidInput(`cannot read ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Opens a regular file for reading.
 *
 * @param path - where it is
 * @param name - the file as the user named it
 * @returns the open handle; the caller closes it
 * @throws {@link CliError} when it is missing, unreadable or a directory
 */
export async function openFile(path: string, name: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw fileError(error, name);
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw usageError(info.isDirectory() ? `${name} is a directory, not a file` : `${name} is not a regular file`);
  }
  return handle;
}

/**
 * Reads a small JSON file whole and parses it.
 *
 * @param path - where it is
 * @param name - the file as the user named it
 * @returns the parsed value
 * @throws {@link CliError} when it is missing, too large or not valid JSON
 */
export async function readJsonFile(path: string, name: string): Promise<unknown> {
  const handle = await openFile(path, name);
  let text: string;
  try {
    const size = (await handle.stat()).size;
    if (size > SMALL_FILE_CHARACTERS_MAX) throw invalidInput(`${name} is too large (${size} bytes; at most ${SMALL_FILE_CHARACTERS_MAX})`);
    text = await readFile(handle, "utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fileError(error, name);
  } finally {
    await handle.close();
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    throw invalidInput(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Whether a path exists (and can be reached).
 *
 * @param path - a path
 * @returns true when it exists
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a parsed JSON value is an object (not null, not an array).
 *
 * @param value - a parsed value
 * @returns true for a plain object
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
