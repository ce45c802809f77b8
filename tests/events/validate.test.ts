// Checks checkEvent rule by rule: each bad event yields the issue's code, path and value, and the same event appended to a ledger is refused leaving version, events and tables unchanged; fuzzes the boundary with arbitrary JSON.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultCatalog, type Catalog } from "../../src/catalog/catalog.js";
import { LedgerError, type FieldIssueCode, type LedgerIssue } from "../../src/events/issues.js";
import type { ClosingBalance, LedgerEvent } from "../../src/events/types.js";
import { LIMITS, checkEvent } from "../../src/events/validate.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import {
  EXTENSION,
  FUNCTIONAL_OFFICE,
  FUNCTIONAL_SECURITY,
  YEAR,
  appropriation,
  balanceOpened,
  busyLedger,
  centre,
  expenditure,
  extendedCatalog,
  nonTax,
  office,
  procurement,
  receipt,
  reversal,
  snapshot,
  surplusDistributed,
  surplusUsed,
  withField,
  without,
  yearClosed,
} from "../support/fixtures.js";

const SEED = 20201231;
const catalog = extendedCatalog();

type Path = readonly (string | number)[];


/** A bad event and the issue it must yield. */
interface Case {
  /** A sentence naming the rule. */
  readonly name: string;
  readonly input: unknown;
  readonly code: FieldIssueCode;
  /** The path within the event. */
  readonly path: Path;
  readonly value: unknown;
}

const long = (length: number): string => "x".repeat(length);
const closingEntry: ClosingBalance = { fund: "generalPublicBudget", functional: FUNCTIONAL_OFFICE, carriedFen: 100, reserveFen: 0 };
const institutionalEntry: ClosingBalance = { fund: "institutional", functional: FUNCTIONAL_SECURITY, carriedFen: 100, reserveFen: 5 };

const CASES: readonly Case[] = [
  // the envelope
  { name: "null is not an object", input: null, code: "not_an_object", path: [], value: null },
  { name: "a number is not an object", input: 42, code: "not_an_object", path: [], value: 42 },
  { name: "a string is not an object", input: "receiptRecorded", code: "not_an_object", path: [], value: "receiptRecorded" },
  { name: "an array is not an object", input: [receipt()], code: "not_an_object", path: [], value: [receipt()] },
  { name: "a missing id is reported", input: without(receipt(), "id"), code: "missing_field", path: ["id"], value: undefined },
  { name: "a missing type is reported", input: without(receipt(), "type"), code: "missing_field", path: ["type"], value: undefined },
  { name: "a missing year is reported", input: without(receipt(), "year"), code: "missing_field", path: ["year"], value: undefined },
  { name: "a missing unit is reported", input: without(receipt(), "unit"), code: "missing_field", path: ["unit"], value: undefined },
  { name: "an unknown type is not allowed", input: withField(receipt(), "type", "receiptMade"), code: "not_allowed", path: ["type"], value: "receiptMade" },
  { name: "a type that is not a string is not allowed", input: withField(receipt(), "type", 3), code: "not_allowed", path: ["type"], value: 3 },
  { name: "an id that is not a string is the wrong type", input: withField(receipt(), "id", 17), code: "wrong_type", path: ["id"], value: 17 },
  { name: "an empty id is refused", input: withField(receipt(), "id", ""), code: "wrong_type", path: ["id"], value: "" },
  { name: "a blank unit is refused", input: withField(receipt(), "unit", "   "), code: "wrong_type", path: ["unit"], value: "   " },
  { name: "a unit that is not a string is the wrong type", input: withField(receipt(), "unit", { id: "office" }), code: "wrong_type", path: ["unit"], value: { id: "office" } },
  { name: "a memo that is not a string is the wrong type", input: withField(receipt(), "memo", 12), code: "wrong_type", path: ["memo"], value: 12 },
  { name: "another schema version is not allowed", input: withField(receipt(), "schema", 2), code: "not_allowed", path: ["schema"], value: 2 },
  { name: "a schema version written as text is not allowed", input: withField(receipt(), "schema", "1"), code: "not_allowed", path: ["schema"], value: "1" },
  { name: "a year written as text is invalid", input: withField(receipt(), "year", "2020"), code: "invalid_year", path: ["year"], value: "2020" },
  { name: "a fractional year is invalid", input: withField(receipt(), "year", 2020.5), code: "invalid_year", path: ["year"], value: 2020.5 },
  { name: "a year before 1949 is invalid", input: withField(receipt(), "year", 1948), code: "invalid_year", path: ["year"], value: 1948 },
  { name: "a year after 9999 is invalid", input: withField(receipt(), "year", 10_000), code: "invalid_year", path: ["year"], value: 10_000 },
  { name: "a year that is NaN is invalid", input: withField(receipt(), "year", Number.NaN), code: "invalid_year", path: ["year"], value: Number.NaN },
  { name: "a field of another event type is unknown", input: withField(receipt(), "fund", "generalPublicBudget"), code: "unknown_field", path: ["fund"], value: "generalPublicBudget" },
  { name: "a field of no event type is unknown", input: withField(procurement(), "supplier", "ACME"), code: "unknown_field", path: ["supplier"], value: "ACME" },
  { name: "an id longer than 200 characters is too long", input: withField(receipt(), "id", long(201)), code: "too_long", path: ["id"], value: long(201) },
  { name: "a unit id longer than 200 characters is too long", input: withField(receipt(), "unit", long(201)), code: "too_long", path: ["unit"], value: long(201) },
  { name: "a memo longer than 2,000 characters is too long", input: withField(receipt(), "memo", long(2001)), code: "too_long", path: ["memo"], value: long(2001) },

  // unitRegistered
  { name: "a unit without a name is refused", input: without(office(), "name"), code: "missing_field", path: ["name"], value: undefined },
  { name: "a unit name longer than 2,000 characters is too long", input: withField(office(), "name", long(2001)), code: "too_long", path: ["name"], value: long(2001) },
  { name: "a unit without a kind is refused", input: without(office(), "kind"), code: "missing_field", path: ["kind"], value: undefined },
  { name: "an unknown kind of unit is not allowed", input: withField(office(), "kind", "ministry"), code: "not_allowed", path: ["kind"], value: "ministry" },
  { name: "a unit without a parent field is refused (null is required for the top office)", input: without(office(), "parent"), code: "missing_field", path: ["parent"], value: undefined },
  { name: "a parent that is not a string is the wrong type", input: withField(centre(), "parent", 1), code: "wrong_type", path: ["parent"], value: 1 },
  { name: "an empty parent is refused", input: withField(centre(), "parent", ""), code: "wrong_type", path: ["parent"], value: "" },
  { name: "a parent id longer than 200 characters is too long", input: withField(centre(), "parent", long(201)), code: "too_long", path: ["parent"], value: long(201) },

  // appropriationMade
  { name: "an appropriation without a fund is refused", input: without(appropriation(), "fund"), code: "missing_field", path: ["fund"], value: undefined },
  { name: "an unknown fund is not allowed", input: withField(appropriation(), "fund", "treasury"), code: "not_allowed", path: ["fund"], value: "treasury" },
  { name: "an appropriation without a functional code is refused", input: without(appropriation(), "functional"), code: "missing_field", path: ["functional"], value: undefined },
  { name: "an appropriation without a category is refused", input: without(appropriation(), "category"), code: "missing_field", path: ["category"], value: undefined },
  { name: "an unknown category is not allowed", input: withField(appropriation(), "category", "capital"), code: "not_allowed", path: ["category"], value: "capital" },
  { name: "an appropriation without a stage is refused", input: without(appropriation(), "stage"), code: "missing_field", path: ["stage"], value: undefined },
  { name: "an unknown budget stage is not allowed", input: withField(appropriation(), "stage", "final"), code: "not_allowed", path: ["stage"], value: "final" },
  { name: "an initial appropriation of zero is an invalid amount", input: appropriation({ amountFen: 0 }), code: "invalid_amount", path: ["amountFen"], value: 0 },
  { name: "a negative initial appropriation is an invalid amount", input: appropriation({ amountFen: -100 }), code: "invalid_amount", path: ["amountFen"], value: -100 },
  { name: "an adjustment of zero is an invalid amount", input: appropriation({ stage: "adjustment", amountFen: 0 }), code: "invalid_amount", path: ["amountFen"], value: 0 },
  { name: "an appropriation's 3-digit economic code is not a section", input: appropriation({ economic: "302" }), code: "economic_not_section", path: ["economic"], value: "302" },
  { name: "an appropriation's unknown economic code is refused", input: appropriation({ economic: "31299" }), code: "unknown_economic_code", path: ["economic"], value: "31299" },
  { name: "an appropriation's economic code that is not a string is the wrong type", input: withField(appropriation(), "economic", 30201), code: "wrong_type", path: ["economic"], value: 30201 },
  { name: "a fiscal appropriation for operating spending is refused", input: appropriation({ category: "operating" }), code: "fiscal_category", path: ["category"], value: "operating" },
  { name: "a basic appropriation on a non-basic economic class is refused", input: appropriation({ economic: "30901" }), code: "basic_economic_class", path: ["economic"], value: "30901" },
  { name: "a project named on a basic appropriation is refused", input: appropriation({ project: "p-1" }), code: "project_on_non_project", path: ["project"], value: "p-1" },
  { name: "a project id longer than 200 characters is too long", input: appropriation({ category: "project", project: long(201) }), code: "too_long", path: ["project"], value: long(201) },

  // receiptRecorded
  { name: "an unknown source is not allowed", input: withField(receipt(), "source", "tax"), code: "not_allowed", path: ["source"], value: "tax" },
  { name: "a receipt without a source is refused", input: without(receipt(), "source"), code: "missing_field", path: ["source"], value: undefined },
  { name: "a 5-digit functional code is not an item", input: receipt({ functional: "20137" }), code: "functional_not_item", path: ["functional"], value: "20137" },
  { name: "a 3-digit functional code is not an item", input: receipt({ functional: "201" }), code: "functional_not_item", path: ["functional"], value: "201" },
  { name: "a functional code with letters is not an item", input: receipt({ functional: "201370a" }), code: "functional_not_item", path: ["functional"], value: "201370a" },
  { name: "a functional code that is a number is the wrong type", input: withField(receipt(), "functional", 2013701), code: "wrong_type", path: ["functional"], value: 2013701 },
  { name: "an unknown functional code is refused", input: receipt({ functional: "2999999" }), code: "unknown_functional_code", path: ["functional"], value: "2999999" },
  { name: "a functional code whose class has no Table 1 line is refused", input: receipt({ functional: "2270101" }), code: "functional_class_without_line", path: ["functional"], value: "2270101" },
  { name: "a receipt without an amount is refused", input: without(receipt(), "amountFen"), code: "missing_field", path: ["amountFen"], value: undefined },
  { name: "an amount written as text is invalid", input: withField(receipt(), "amountFen", "100"), code: "invalid_amount", path: ["amountFen"], value: "100" },
  { name: "a fractional amount is invalid", input: receipt({ amountFen: 100.5 }), code: "invalid_amount", path: ["amountFen"], value: 100.5 },
  { name: "an amount of NaN is invalid", input: receipt({ amountFen: Number.NaN }), code: "invalid_amount", path: ["amountFen"], value: Number.NaN },
  { name: "an infinite amount is invalid", input: receipt({ amountFen: Infinity }), code: "invalid_amount", path: ["amountFen"], value: Infinity },
  { name: "an amount past MAX_SAFE_INTEGER is invalid", input: receipt({ amountFen: 2 ** 53 }), code: "invalid_amount", path: ["amountFen"], value: 2 ** 53 },
  { name: "a negative receipt is invalid", input: receipt({ amountFen: -1 }), code: "invalid_amount", path: ["amountFen"], value: -1 },
  { name: "a receipt of zero is invalid", input: receipt({ amountFen: 0 }), code: "invalid_amount", path: ["amountFen"], value: 0 },

  // expenditureRecorded
  { name: "an expenditure without an economic code is refused", input: without(expenditure(), "economic"), code: "missing_field", path: ["economic"], value: undefined },
  { name: "a 3-digit economic code is not a section", input: expenditure({ economic: "302" }), code: "economic_not_section", path: ["economic"], value: "302" },
  { name: "a 7-digit economic code is not a section", input: expenditure({ economic: "3020101" }), code: "economic_not_section", path: ["economic"], value: "3020101" },
  { name: "an unknown economic code is refused", input: expenditure({ economic: "31299" }), code: "unknown_economic_code", path: ["economic"], value: "31299" },
  { name: "basic spending on a non-basic economic class is refused", input: expenditure({ economic: "30901" }), code: "basic_economic_class", path: ["economic"], value: "30901" },
  { name: "non-fiscal basic spending on a non-basic economic class is refused too", input: expenditure({ fund: "institutional", economic: "30901" }), code: "basic_economic_class", path: ["economic"], value: "30901" },
  { name: "a fiscal fund paying a remittance to the superior is refused", input: expenditure({ fund: "governmentFund", category: "remittedToSuperior" }), code: "fiscal_category", path: ["category"], value: "remittedToSuperior" },
  { name: "a fiscal fund paying a subsidy to subordinates is refused", input: expenditure({ fund: "stateCapital", category: "subsidyToSubordinates" }), code: "fiscal_category", path: ["category"], value: "subsidyToSubordinates" },
  { name: "a fiscal fund paying operating spending is refused", input: expenditure({ category: "operating" }), code: "fiscal_category", path: ["category"], value: "operating" },
  { name: "a project named on basic spending is refused", input: expenditure({ project: "p-1" }), code: "project_on_non_project", path: ["project"], value: "p-1" },
  { name: "a project named on operating spending is refused", input: expenditure({ fund: "operating", category: "operating", project: "p-2" }), code: "project_on_non_project", path: ["project"], value: "p-2" },
  { name: "an empty project id is refused", input: expenditure({ category: "project", project: "" }), code: "wrong_type", path: ["project"], value: "" },
  { name: "an expenditure's unknown functional code is refused", input: expenditure({ functional: "2013798" }), code: "unknown_functional_code", path: ["functional"], value: "2013798" },

  // nonTaxRevenueCollected
  { name: "a non-tax revenue without a line is refused", input: without(nonTax(), "line"), code: "missing_field", path: ["line"], value: undefined },
  { name: "an unknown Table 10 line is refused", input: nonTax({ line: "lottery" }), code: "unknown_non_tax_line", path: ["line"], value: "lottery" },
  { name: "a line that is not a string is an unknown line", input: withField(nonTax(), "line", 7), code: "unknown_non_tax_line", path: ["line"], value: 7 },
  { name: "a parent line of Table 10 is not a leaf", input: nonTax({ line: "interest" }), code: "non_tax_line_not_leaf", path: ["line"], value: "interest" },
  { name: "a top-level line with children is not a leaf", input: nonTax({ line: "stateResourceUse" }), code: "non_tax_line_not_leaf", path: ["line"], value: "stateResourceUse" },
  { name: "an unknown management is not allowed", input: withField(nonTax(), "management", "cash"), code: "not_allowed", path: ["management"], value: "cash" },
  { name: "a non-tax revenue of zero is invalid", input: nonTax({ amountFen: 0 }), code: "invalid_amount", path: ["amountFen"], value: 0 },

  // procurementAwarded
  { name: "an unknown procurement kind is not allowed", input: withField(procurement(), "procurement", "land"), code: "not_allowed", path: ["procurement"], value: "land" },
  { name: "an unknown supplier size is not allowed", input: withField(procurement(), "supplierSize", "huge"), code: "not_allowed", path: ["supplierSize"], value: "huge" },
  { name: "a procurement without a supplier size is refused", input: without(procurement(), "supplierSize"), code: "missing_field", path: ["supplierSize"], value: undefined },
  { name: "a negative contract is invalid", input: procurement({ amountFen: -300 }), code: "invalid_amount", path: ["amountFen"], value: -300 },

  // surplusDistributed, surplusUsed
  { name: "a surplus distributed on a fiscal fund is refused", input: surplusDistributed({ fund: "generalPublicBudget" }), code: "fiscal_fund_not_allowed", path: ["fund"], value: "generalPublicBudget" },
  { name: "a surplus used on a fiscal fund is refused", input: surplusUsed({ fund: "stateCapital" }), code: "fiscal_fund_not_allowed", path: ["fund"], value: "stateCapital" },
  { name: "a surplus distributed on an unknown functional code is refused", input: surplusDistributed({ functional: "2999999" }), code: "unknown_functional_code", path: ["functional"], value: "2999999" },
  { name: "a surplus used of zero is invalid", input: surplusUsed({ amountFen: 0 }), code: "invalid_amount", path: ["amountFen"], value: 0 },

  // balanceOpened
  { name: "a reserve balance opened on a fiscal fund is refused", input: balanceOpened({ fund: "governmentFund", balance: "reserve" }), code: "fiscal_fund_not_allowed", path: ["fund"], value: "governmentFund" },
  { name: "an unknown kind of balance is not allowed", input: withField(balanceOpened(), "balance", "closing"), code: "not_allowed", path: ["balance"], value: "closing" },
  { name: "an opening without a kind of balance is refused", input: without(balanceOpened(), "balance"), code: "missing_field", path: ["balance"], value: undefined },
  { name: "an opening of zero is invalid", input: balanceOpened({ amountFen: 0 }), code: "invalid_amount", path: ["amountFen"], value: 0 },

  // yearClosed
  { name: "a close without balances is refused", input: without(yearClosed(), "balances"), code: "missing_field", path: ["balances"], value: undefined },
  { name: "balances that are not an array are the wrong type", input: withField(yearClosed(), "balances", {}), code: "wrong_type", path: ["balances"], value: {} },
  { name: "more than 100,000 balances are too many", input: withField(yearClosed(), "balances", new Array<null>(LIMITS.balancesMax + 1).fill(null)), code: "too_long", path: ["balances"], value: LIMITS.balancesMax + 1 },
  { name: "a balance that is not an object is refused", input: withField(yearClosed(), "balances", [null]), code: "not_an_object", path: ["balances", 0], value: null },
  { name: "a balance with an unknown field is refused", input: withField(yearClosed(), "balances", [{ ...closingEntry, note: "x" }]), code: "unknown_field", path: ["balances", 0, "note"], value: "x" },
  { name: "a balance without a fund is refused", input: withField(yearClosed(), "balances", [without(closingEntry, "fund")]), code: "missing_field", path: ["balances", 0, "fund"], value: undefined },
  { name: "a balance on a 5-digit functional code is refused", input: withField(yearClosed(), "balances", [{ ...closingEntry, functional: "20137" }]), code: "functional_not_item", path: ["balances", 0, "functional"], value: "20137" },
  { name: "a fractional carried balance is invalid", input: withField(yearClosed(), "balances", [{ ...closingEntry, carriedFen: 1.5 }]), code: "invalid_amount", path: ["balances", 0, "carriedFen"], value: 1.5 },
  { name: "a reserve given as text is invalid", input: withField(yearClosed(), "balances", [{ ...institutionalEntry, reserveFen: "1" }]), code: "invalid_amount", path: ["balances", 0, "reserveFen"], value: "1" },
  { name: "a balance that is zero is left out, not listed", input: withField(yearClosed(), "balances", [{ ...closingEntry, carriedFen: 0 }]), code: "invalid_amount", path: ["balances", 0, "carriedFen"], value: 0 },
  { name: "a reserve on a fiscal fund is refused", input: withField(yearClosed(), "balances", [{ ...closingEntry, reserveFen: 5 }]), code: "fiscal_fund_not_allowed", path: ["balances", 0, "reserveFen"], value: 5 },
  { name: "balances out of fund order are unsorted", input: withField(yearClosed(), "balances", [institutionalEntry, closingEntry]), code: "unsorted_balances", path: ["balances", 1, "functional"], value: FUNCTIONAL_OFFICE },
  { name: "balances out of functional order within a fund are unsorted", input: withField(yearClosed(), "balances", [{ ...closingEntry, functional: FUNCTIONAL_SECURITY }, closingEntry]), code: "unsorted_balances", path: ["balances", 1, "functional"], value: FUNCTIONAL_OFFICE },
  { name: "a balance listed twice is unsorted", input: withField(yearClosed(), "balances", [closingEntry, closingEntry]), code: "unsorted_balances", path: ["balances", 1, "functional"], value: FUNCTIONAL_OFFICE },

  // eventReversed
  { name: "a reversal without a target is refused", input: without(reversal(receipt()), "target"), code: "missing_field", path: ["target"], value: undefined },
  { name: "a reversal without a reason is refused", input: without(reversal(receipt()), "reason"), code: "missing_field", path: ["reason"], value: undefined },
  { name: "a reversal without the reversed event is refused", input: without(reversal(receipt()), "reverses"), code: "missing_field", path: ["reverses"], value: undefined },
  { name: "a reversal whose reversed event is not an object is refused", input: withField(reversal(receipt()), "reverses", "receipt-1"), code: "not_an_object", path: ["reverses"], value: "receipt-1" },
  { name: "a reversal whose reversed event is invalid reports the nested field", input: reversal(receipt({ amountFen: -1 })), code: "invalid_amount", path: ["reverses", "amountFen"], value: -1 },
  { name: "a reversal whose reverses id differs from its target is a mismatch", input: reversal(receipt(), { target: "receipt-2" }), code: "reversal_mismatch", path: ["target"], value: "receipt-2" },
  { name: "a reversal in another year than its target is a mismatch", input: reversal(receipt(), { year: YEAR + 1 }), code: "reversal_mismatch", path: ["year"], value: YEAR + 1 },
  { name: "a reversal of another unit than its target's is a mismatch", input: reversal(receipt(), { unit: "centre" }), code: "reversal_mismatch", path: ["unit"], value: "centre" },
  { name: "a unit registration is not reversible", input: withField(reversal(receipt()), "reverses", office({ id: "receipt-1" })), code: "not_reversible", path: ["reverses"], value: "unitRegistered" },
  { name: "a year close is not reversible", input: withField(reversal(receipt()), "reverses", yearClosed({ id: "receipt-1" })), code: "not_reversible", path: ["reverses"], value: "yearClosed" },
  { name: "a reversal is not reversible", input: withField(reversal(receipt()), "reverses", reversal(expenditure(), { id: "receipt-1" })), code: "not_reversible", path: ["reverses"], value: "eventReversed" },
  { name: "a reason longer than 2,000 characters is too long", input: reversal(receipt(), { reason: long(2001) }), code: "too_long", path: ["reason"], value: long(2001) },
  { name: "a target longer than 200 characters is too long", input: reversal(receipt(), { target: long(201) }), code: "too_long", path: ["target"], value: long(201) },
];

/** What each FieldIssueCode is produced by; the compiler keeps this list complete. */
const PRODUCED_BY: Readonly<Record<FieldIssueCode, "checkEvent" | "ledger">> = {
  not_an_object: "checkEvent",
  missing_field: "checkEvent",
  unknown_field: "checkEvent",
  wrong_type: "checkEvent",
  not_allowed: "checkEvent",
  too_long: "checkEvent",
  invalid_year: "checkEvent",
  invalid_amount: "checkEvent",
  unknown_functional_code: "checkEvent",
  functional_not_item: "checkEvent",
  functional_class_without_line: "checkEvent",
  unknown_economic_code: "checkEvent",
  economic_not_section: "checkEvent",
  basic_economic_class: "checkEvent",
  fiscal_category: "checkEvent",
  project_on_non_project: "checkEvent",
  fiscal_fund_not_allowed: "checkEvent",
  unknown_non_tax_line: "checkEvent",
  non_tax_line_not_leaf: "checkEvent",
  not_reversible: "checkEvent",
  reversal_mismatch: "checkEvent",
  unsorted_balances: "checkEvent",
  unknown_unit: "ledger",
  unit_exists: "ledger",
  unknown_parent_unit: "ledger",
  duplicate_id: "ledger",
  unknown_target: "ledger",
  already_reversed: "ledger",
  year_closed: "ledger",
  opening_after_close: "ledger",
  closing_mismatch: "ledger",
  appropriation_exceeded: "ledger",
};

function checkFails(input: unknown, withCatalog: Catalog = catalog, path: Path = []): readonly LedgerIssue[] {
  const result = checkEvent(input, withCatalog, path);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

/** Appends and expects a refusal that leaves the ledger as it was; returns the issues. */
function expectRefused(ledger: Ledger, input: unknown): readonly LedgerIssue[] {
  const before = snapshot(ledger);
  const result = ledger.safeAppend(input);
  expect(result.ok).toBe(false);
  expect(snapshot(ledger)).toEqual(before);
  expect(ledger.events()).toEqual(before.events);
  for (const [index, event] of before.events.entries()) expect(ledger.events()[index]).toBe(event);
  expect(() => ledger.append(input)).toThrow(LedgerError);
  expect(snapshot(ledger)).toEqual(before);
  return result.ok ? [] : result.issues;
}

describe("checkEvent rules, one bad event each", () => {
  it.each(CASES)("$name", ({ input, code, path, value }) => {
    const issues = checkFails(input);
    expect(issues).toContainEqual(expect.objectContaining({ code, path, value }));
    for (const issue of issues) expect(typeof issue.message).toBe("string");
  });
});

describe("the same bad events appended to a ledger", () => {
  it.each(CASES)("$name, and the ledger is unchanged", ({ input, code, path, value }) => {
    const ledger = busyLedger({ catalog });
    const alone = expectRefused(ledger, [input]);
    expect(alone).toContainEqual(expect.objectContaining({ code, path: [0, ...path], value }));
    const inBatch = expectRefused(ledger, [receipt({ id: "fresh-receipt" }), expenditure({ id: "fresh-expenditure" }), input]);
    expect(inBatch).toContainEqual(expect.objectContaining({ code, path: [2, ...path], value }));
    for (const issue of inBatch) expect(issue.path[0]).toBe(2);
    if (!Array.isArray(input)) {
      const single = expectRefused(ledger, input);
      expect(single).toContainEqual(expect.objectContaining({ code, path: [0, ...path], value }));
    }
  });
});

describe("coverage of the issue codes", () => {
  it("has a case for every code checkEvent can produce", () => {
    const covered = new Set(CASES.map((c) => c.code));
    const expected = Object.entries(PRODUCED_BY).filter(([, by]) => by === "checkEvent").map(([code]) => code);
    for (const code of expected) expect(covered.has(code as FieldIssueCode), code).toBe(true);
  });
});

describe("checkEvent on the catalog", () => {
  it("calls a code unknown that only an extension names", () => {
    const issues = checkFails(receipt({ functional: "2270101" }), defaultCatalog());
    expect(issues).toEqual([expect.objectContaining({ code: "unknown_functional_code", path: ["functional"], value: "2270101" })]);
    expect(checkFails(expenditure({ economic: "30901" }), defaultCatalog())).toEqual([
      expect.objectContaining({ code: "unknown_economic_code", path: ["economic"], value: "30901" }),
    ]);
  });

  it("accepts an extension's code under a class that has a Table 1 line", () => {
    const extended = extendedCatalog();
    expect(EXTENSION.functional.map((entry) => entry.code)).toContain("2270101");
    const withLine = checkEvent(receipt({ functional: "2013701" }), extended);
    expect(withLine.ok).toBe(true);
  });
});

describe("checkEvent on valid events", () => {
  const valid: readonly LedgerEvent[] = [
    office(),
    centre(),
    appropriation(),
    appropriation({ id: "a-2", stage: "adjustment", amountFen: -500, category: "project", project: "p-1", economic: "31002" }),
    receipt(),
    expenditure(),
    expenditure({ id: "e-2", fund: "operating", category: "operating", economic: "30901", amountFen: 1 }),
    nonTax(),
    procurement(),
    surplusDistributed(),
    surplusUsed(),
    balanceOpened(),
    balanceOpened({ id: "o-2", fund: "other", balance: "reserve" }),
    yearClosed({ balances: [closingEntry, { ...closingEntry, functional: FUNCTIONAL_SECURITY }, institutionalEntry] }),
    reversal(receipt()),
  ];

  it.each(valid.map((event) => ({ type: event.type, id: event.id, event })))("accepts a valid $type ($id) and returns an equal, fresh event", ({ event }) => {
    const result = checkEvent(event, catalog);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(event);
    expect(result.value).not.toBe(event);
  });

  it("allows negative closing balances: an overdrawn unit still closes its year", () => {
    const overdrawn = withField(yearClosed(), "balances", [{ ...closingEntry, carriedFen: -1 }, { ...institutionalEntry, reserveFen: -2 }]);
    expect(checkEvent(overdrawn, catalog).ok).toBe(true);
  });

  it("allows a negative adjustment appropriation", () => {
    expect(checkEvent(appropriation({ stage: "adjustment", amountFen: -1 }), catalog).ok).toBe(true);
  });

  it("allows non-basic economic classes outside basic spending", () => {
    expect(checkEvent(expenditure({ category: "project", project: "p-9", economic: "30901" }), catalog).ok).toBe(true);
  });

  it("fills in the schema version, puts fields in catalogue order and leaves the input alone", () => {
    const input = { amountFen: 5, functional: FUNCTIONAL_OFFICE, source: "other", unit: "office", year: YEAR, type: "receiptRecorded", id: "r-9", memo: "voucher 12" };
    const copy = structuredClone(input);
    const result = checkEvent(input, catalog);
    expect(input).toEqual(copy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value).filter((key) => key !== "memo")).toEqual(["id", "type", "schema", "year", "unit", "source", "functional", "amountFen"]);
    expect(result.value.memo).toBe("voucher 12");
    expect(result.value.schema).toBe(1);
  });

  it("keeps optional fields only when given", () => {
    const result = checkEvent(appropriation(), catalog);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect("economic" in result.value).toBe(false);
    expect("project" in result.value).toBe(false);
    expect("memo" in result.value).toBe(false);
  });

  it("treats an explicitly undefined optional field as absent", () => {
    const result = checkEvent({ ...appropriation(), economic: undefined, memo: undefined }, catalog);
    expect(result.ok).toBe(true);
    if (result.ok) expect("economic" in result.value).toBe(false);
  });

  it("accepts the bounds of the limits: a 200-character id, years 1949 and 9999", () => {
    expect(checkEvent(receipt({ id: long(LIMITS.idLengthMax) }), catalog).ok).toBe(true);
    expect(checkEvent(receipt({ year: LIMITS.yearMin }), catalog).ok).toBe(true);
    expect(checkEvent(receipt({ year: LIMITS.yearMax }), catalog).ok).toBe(true);
    expect(checkEvent(receipt({ memo: long(LIMITS.textLengthMax) }), catalog).ok).toBe(true);
  });

  it("interns codes and ids through the given function", () => {
    const seen: string[] = [];
    checkEvent(expenditure({ category: "project", project: "p-1" }), catalog, [], (text) => {
      seen.push(text);
      return text;
    });
    expect(seen).toEqual(expect.arrayContaining(["office", FUNCTIONAL_OFFICE, "30201", "p-1"]));
  });
});

describe("checkEvent issue paths and multiple issues", () => {
  it("prefixes every path with the given path", () => {
    const issues = checkFails(receipt({ amountFen: -1, functional: "20137" }), catalog, [3]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "functional_not_item", path: [3, "functional"] }),
      expect.objectContaining({ code: "invalid_amount", path: [3, "amountFen"] }),
    ]);
  });

  it("reports every bad field of one event", () => {
    const issues = checkFails({ id: 1, type: "expenditureRecorded", year: 1, unit: "", fund: "x", functional: "1", economic: "2", category: "y", amountFen: -1, extra: true });
    expect(issues.map((issue) => issue.code).sort()).toEqual(
      ["economic_not_section", "functional_not_item", "invalid_amount", "invalid_year", "not_allowed", "not_allowed", "unknown_field", "wrong_type", "wrong_type"].sort(),
    );
  });

  it("stops at the envelope when the type is unknown", () => {
    const issues = checkFails({ id: "x", type: "nope", year: YEAR, unit: "office", anything: 1 });
    expect(issues).toEqual([expect.objectContaining({ code: "not_allowed", path: ["type"], value: "nope" })]);
  });

  it("names each bad event's batch index in path[0] of a multi-event batch", () => {
    const ledger = busyLedger({ catalog });
    const issues = expectRefused(ledger, [
      receipt({ id: "b-0" }),
      receipt({ id: "b-1", amountFen: 0 }),
      expenditure({ id: "b-2" }),
      nonTax({ id: "b-3", line: "interest" }),
      null,
      procurement({ id: "b-5" }),
    ]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "invalid_amount", path: [1, "amountFen"], value: 0 }),
      expect.objectContaining({ code: "non_tax_line_not_leaf", path: [3, "line"], value: "interest" }),
      expect.objectContaining({ code: "not_an_object", path: [4], value: null }),
    ]);
  });
});

/** Valid events of every type a busy ledger accepts (fresh ids), to mutate. */
function mutableEvents(): Record<string, unknown>[] {
  return [
    office({ id: "m-unit", unit: "lab" }),
    appropriation({ id: "m-appropriation", economic: "30201" }),
    receipt({ id: "m-receipt" }),
    expenditure({ id: "m-expenditure", category: "project", project: "p-7" }),
    nonTax({ id: "m-non-tax" }),
    procurement({ id: "m-procurement" }),
    surplusDistributed({ id: "m-distributed" }),
    surplusUsed({ id: "m-used" }),
    balanceOpened({ id: "m-opened", year: YEAR + 1 }),
    yearClosed({ id: "m-closed", year: YEAR + 3, balances: [] }),
    reversal(receipt()),
  ].map((event) => ({ ...event }));
}

const mutationArb = fc.record({
  which: fc.nat(),
  field: fc.nat(),
  action: fc.constantFrom("delete", "replace", "replaceNested"),
  value: fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, Number.NaN, -0, 2 ** 53, "", "   ", [], {})),
});

function mutate(events: Record<string, unknown>[], m: { which: number; field: number; action: string; value: unknown }): unknown {
  const event = events[m.which % events.length] ?? {};
  const keys = Object.keys(event);
  const key = keys[m.field % keys.length] ?? "id";
  if (m.action === "delete") return without(event, key);
  if (m.action === "replace") return withField(event, key, m.value);
  const nested = event["reverses"];
  if (typeof nested === "object" && nested !== null) {
    const nestedKeys = Object.keys(nested);
    const nestedKey = nestedKeys[m.field % nestedKeys.length] ?? "id";
    return withField(event, "reverses", withField(nested, nestedKey, m.value));
  }
  return withField(event, key, m.value);
}

/** Appends anything and checks the boundary's promises: no throw from safeAppend, only LedgerError from append, no change on refusal. */
function probe(ledger: Ledger, input: unknown): void {
  const before = snapshot(ledger);
  let result: ReturnType<Ledger["safeAppend"]> | undefined;
  expect(() => {
    result = ledger.safeAppend(input);
  }).not.toThrow();
  if (result === undefined) return;
  if (!result.ok) {
    expect(result.issues.length).toBeGreaterThan(0);
    expect(snapshot(ledger)).toEqual(before);
    try {
      ledger.append(input);
      expect.unreachable("append must throw what safeAppend refuses");
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
    }
    expect(snapshot(ledger)).toEqual(before);
  } else {
    expect(ledger.version).toBe(before.version + result.value.appended.length);
  }
}

describe("fuzzing the boundary", () => {
  it("checkEvent never throws on arbitrary values (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = checkEvent(value, catalog);
        expect(typeof result.ok).toBe("boolean");
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("safeAppend never throws and append throws only LedgerError on arbitrary JSON values (property)", () => {
    const ledger = busyLedger({ catalog });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => probe(ledger, value)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("safeAppend never throws and append throws only LedgerError on arbitrary objects (property)", () => {
    const ledger = busyLedger({ catalog });
    fc.assert(
      fc.property(fc.object(), (value) => probe(ledger, value)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("refuses arbitrary objects with a known type and leaves the ledger unchanged (property)", () => {
    const ledger = busyLedger({ catalog });
    fc.assert(
      fc.property(fc.constantFrom("receiptRecorded", "yearClosed", "eventReversed", "unitRegistered"), fc.dictionary(fc.string(), fc.jsonValue()), (type, body) => {
        probe(ledger, { ...body, type });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("survives mutations of valid events: a deleted field or a field replaced by an arbitrary value (property)", () => {
    fc.assert(
      fc.property(mutationArb, (m) => {
        const ledger = busyLedger({ catalog });
        probe(ledger, mutate(mutableEvents(), m));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("survives batches of mutated events (property)", () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { maxLength: 6 }), (mutations) => {
        const ledger = busyLedger({ catalog });
        probe(ledger, mutations.map((m) => mutate(mutableEvents(), m)));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("deleting any required field of any valid event is refused with missing_field at that field (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (which, field) => {
        const events = mutableEvents();
        const event = events[which % events.length] ?? {};
        const required = Object.keys(event).filter((key) => key !== "schema" && key !== "memo" && key !== "project" && key !== "economic");
        const key = required[field % required.length] ?? "id";
        const ledger = busyLedger({ catalog });
        const before = snapshot(ledger);
        const result = ledger.safeAppend(without(event, key));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code: "missing_field", path: [0, key] }));
        expect(snapshot(ledger)).toEqual(before);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("hostile inputs beyond JSON", () => {
  // BUG (src/events/validate.ts, checkEvent → checkBody "eventReversed"): the nested `reverses` is checked by
  // recursing into checkEvent without a depth bound, so a chain of ~2,000 reversals nested in `reverses`
  // overflows the stack: ledger.safeAppend throws RangeError ("Maximum call stack size exceeded") instead of
  // returning { ok: false } (a reversal of a reversal is not_reversible at the first level anyway).
  it("safeAppend refuses a deeply nested chain of reversals without throwing", () => {
    const ledger = busyLedger({ catalog });
    let event: unknown = receipt();
    for (let depth = 0; depth < 5_000; depth++) event = { ...reversal(receipt()), id: `deep-${depth}`, reverses: event };
    const before = snapshot(ledger);
    const result = ledger.safeAppend(event);
    expect(result.ok).toBe(false);
    expect(snapshot(ledger)).toEqual(before);
  });

  // BUG (src/events/issues.ts, formatIssue → describeValue): the LedgerError message JSON.stringify-s each
  // issue's value, which throws for a BigInt, so ledger.append({ …, amountFen: 10n }) throws TypeError
  // ("Do not know how to serialize a BigInt") instead of LedgerError; safeAppend reports invalid_amount fine.
  it("append throws LedgerError, not TypeError, for an amount given as a BigInt", () => {
    const ledger = busyLedger({ catalog });
    const input = withField(receipt({ id: "bigint" }), "amountFen", 10n);
    const result = ledger.safeAppend(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code: "invalid_amount", value: 10n }));
    expect(() => ledger.append(input)).toThrow(LedgerError);
  });

  // BUG (src/events/issues.ts, describeValue): same cause — a cyclic value in an unknown field, or an unknown
  // field nested ~100,000 arrays deep, makes append throw TypeError / RangeError instead of LedgerError.
  it("append throws LedgerError for a cyclic or very deeply nested unknown field", () => {
    const ledger = busyLedger({ catalog });
    const cyclic: Record<string, unknown> = { ...procurement({ id: "cyclic" }) };
    cyclic["self"] = cyclic;
    expect(() => ledger.append(cyclic)).toThrow(LedgerError);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => ledger.append({ ...procurement({ id: "deep" }), extra: deep })).toThrow(LedgerError);
  });

  it("safeAppend reports a cyclic unknown field as unknown_field without throwing", () => {
    const ledger = busyLedger({ catalog });
    const cyclic: Record<string, unknown> = { ...procurement({ id: "cyclic" }) };
    cyclic["self"] = cyclic;
    const result = ledger.safeAppend(cyclic);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code: "unknown_field", path: [0, "self"] }));
  });
});
