// Checks the streaming reader of events files on temporary files: blank lines, CRLF and BOM, batch boundaries, and one-line errors naming the file's line.
import { afterAll, describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../src/cli/cliError.js";
import { readEvents } from "../../src/cli/readEvents.js";
import { HAND_MADE_EVENTS, HAND_MADE_YEAR, handMadeLedger } from "../render/handMadeLedger.js";
import { tempDir } from "./runCli.js";

const dir = tempDir();
afterAll(() => dir.remove());

const unit = { id: "u", type: "unitRegistered", year: 2020, unit: "office", name: "办公室", kind: "administrative", parent: null };
const receipt = (index: number, functional = "2013701"): string =>
  JSON.stringify({ id: `r${index}`, type: "receiptRecorded", year: 2020, unit: "office", source: "generalPublicBudget", functional, amountFen: 100 });

async function failure(path: string, name: string, batchSize?: number): Promise<CliError> {
  try {
    await readEvents(path, { name, ...(batchSize === undefined ? {} : { batchSize }) });
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("the file was read without an error");
}

describe("readEvents", () => {
  it("reads every event of a file into a ledger with the same tables as appending them directly", async () => {
    const path = dir.write("plain.jsonl", HAND_MADE_EVENTS.map((event) => JSON.stringify(event)).join("\n"));
    const { ledger, lines } = await readEvents(path);
    expect(lines).toBe(HAND_MADE_EVENTS.length);
    expect(ledger.version).toBe(HAND_MADE_EVENTS.length);
    expect(ledger.tables(HAND_MADE_YEAR)).toEqual(handMadeLedger().tables(HAND_MADE_YEAR));
  });

  it("skips blank lines and accepts CRLF line endings and a byte order mark", async () => {
    const text = `\uFEFF${HAND_MADE_EVENTS.map((event) => JSON.stringify(event)).join("\r\n\r\n   \r\n")}\r\n`;
    const { ledger } = await readEvents(dir.write("crlf.jsonl", text));
    expect(ledger.version).toBe(HAND_MADE_EVENTS.length);
  });

  it("appends in batches across which events may refer to earlier ones", async () => {
    const lines = [JSON.stringify(unit), ...Array.from({ length: 2_500 }, (_, index) => receipt(index))];
    const { ledger } = await readEvents(dir.write("batches.jsonl", lines.join("\n")), { batchSize: 1_000 });
    expect(ledger.version).toBe(2_501);
  });

  it("names the file's line of an invalid event in a later batch, counting blank lines", async () => {
    const lines = [JSON.stringify(unit), ""];
    for (let index = 0; index < 2_400; index++) lines.push(receipt(index, index === 2_341 ? "2999999" : "2013701"));
    // line numbers: 1 unit, 2 blank, receipts from line 3; receipt 2,341 is on line 2,344
    const error = await failure(dir.write("late.jsonl", lines.join("\n")), "late.jsonl", 1_000);
    expect(error.exitCode).toBe(EXIT.invalid);
    expect(error.message).toMatch(/^late\.jsonl:2344: functional = "2999999": .*not a functional code of the catalog/);
  });

  it("says a malformed line is not valid JSON and names it", async () => {
    const error = await failure(dir.write("malformed.jsonl", `${JSON.stringify(unit)}\n\n{"id": "x",\n`), "malformed.jsonl");
    expect(error.exitCode).toBe(EXIT.invalid);
    expect(error.message).toMatch(/^malformed\.jsonl:3: not valid JSON \(.+\)$/);
    expect(error.message).not.toContain("\n");
  });

  it("reports the earliest problem when an invalid event precedes a malformed line", async () => {
    const error = await failure(dir.write("both.jsonl", `${JSON.stringify(unit)}\n${receipt(1, "2999999")}\nnot json\n`), "both.jsonl");
    expect(error.message).toMatch(/^both\.jsonl:2: functional = "2999999"/);
  });

  it("says an event that is not an object is not an event", async () => {
    const error = await failure(dir.write("number.jsonl", `${JSON.stringify(unit)}\n42\n`), "number.jsonl");
    expect(error.message).toBe("number.jsonl:2: event = 42: an event is a JSON object");
  });

  it("counts the other problems of the same line", async () => {
    const event = { id: "e", type: "receiptRecorded", year: 2020, unit: "office", source: "nowhere", functional: "2999999", amountFen: -1 };
    const error = await failure(dir.write("many.jsonl", `${JSON.stringify(unit)}\n${JSON.stringify(event)}\n`), "many.jsonl");
    expect(error.message).toMatch(/^many\.jsonl:2: source = "nowhere": .* \(and 2 more problems on this line\)$/);
  });

  it("says a missing file is missing, as a usage error", async () => {
    const error = await failure(`${dir.path}/absent.jsonl`, "absent.jsonl");
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toBe("no such file: absent.jsonl");
  });

  it("says a directory is not an events file", async () => {
    const error = await failure(dir.path, "somewhere");
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toBe("somewhere is a directory, not a file");
  });
});
