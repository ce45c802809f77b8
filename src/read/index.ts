/**
 * `fundledger/files`: events files read into tables — a JSON Lines file
 * checked and folded by as many threads as the machine offers, with the
 * result and the errors of reading it line by line.
 *
 * @module
 */
export {
  EventFileError, describeIssues, projectFile, readFileInBatches, type BatchSink, type ProjectFileOptions, type ProjectedFile,
} from "./projectFile.js";
